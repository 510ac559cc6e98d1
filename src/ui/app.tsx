export function App() {
  return (
    <main className="p-6">
      <h1 className="text-3xl font-bold">FlopLab</h1>
    </main>
  );
}
