/** A plain HTML legend (cheaper than Recharts' measured one): a swatch and a label per series. */
export function ChartLegend({ items }: { items: { label: string; colour: string; dashed?: boolean }[] }) {
  return (
    <ul className="mb-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-3 w-5 rounded-sm"
            style={item.dashed ? { borderTop: `3px dashed ${item.colour}`, height: 0 } : { background: item.colour }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
