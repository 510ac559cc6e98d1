/**
 * The top bar: title, preset, import, undo/redo, share and export. Every control has a visible
 * label or an accessible name the e2e tests use ("Preset", "Import model", "Share link", …).
 */
import { useEffect, useId, useState } from 'react';
import { PRESETS } from '../../core/presets/index';
import { downloadText, exportConfigJson, exportTableCsv } from '../../state/export';
import { shareUrl } from '../../state/share';
import { useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { LessonsButton } from '../lessons/lazy-lessons';
import { LazyShareBox, LazyView } from './lazy-views';

export function Header() {
  const [url, setUrl] = useState<string | null>(null);
  // Each press remounts the box, which focuses and selects the fresh URL.
  const [shareCount, setShareCount] = useState(0);
  const open = url !== null;
  // An open link follows the work: after an edit, a preset or a device change it must not
  // still hold the old model (someone would copy a link to the wrong thing).
  useEffect(() => {
    if (!open) return undefined;
    return useFlopLab.subscribe((s, prev) => {
      if (s.graph !== prev.graph || s.deviceId !== prev.deviceId || s.peakGflops !== prev.peakGflops
        || s.bandwidthGBs !== prev.bandwidthGBs || s.convention !== prev.convention || s.metric !== prev.metric
        || s.tab !== prev.tab || s.selectedLayer !== prev.selectedLayer || s.reportGraph !== prev.reportGraph) {
        setUrl(shareUrl());
      }
    });
  }, [open]);
  return (
    <header className="border-b border-slate-300 bg-white">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2">
        <h1 className="text-3xl font-extrabold tracking-tight text-accent-dark">FlopLab</h1>
        <PresetSelect />
        <NewModelButton />
        <ImportButton />
        <UndoRedo />
        <LessonsButton />
        <div className="ml-auto flex items-center gap-2">
          <Button onClick={() => { setUrl(shareUrl()); setShareCount((n) => n + 1); }}>Share link</Button>
          <ExportButtons />
        </div>
      </div>
      {url !== null && <LazyView what="the share link"><LazyShareBox key={shareCount} url={url} onClose={() => setUrl(null)} /></LazyView>}
    </header>
  );
}

function PresetSelect() {
  const id = useId();
  const presetId = useFlopLab((s) => s.presetId);
  const loadPreset = useFlopLab((s) => s.loadPreset);
  const current = PRESETS.find((p) => p.id === presetId);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="font-semibold text-slate-700">Preset</label>
      <select
        id={id}
        value={current ? current.id : ''}
        title={current?.description}
        onChange={(e) => { if (e.target.value) loadPreset(e.target.value); }}
        className="w-52 rounded-md 2xl:w-72 border border-slate-300 bg-white px-2 py-1.5 text-base"
      >
        <option value="" disabled>Your model</option>
        {/* Trained presets first, saying so and with their recorded test accuracy (issue 8). */}
        {PRESETS.some((p) => p.trained) && (
          <optgroup label="Trained on the digits (weights included)">
            {PRESETS.filter((p) => p.trained).map((p) => (
              <option key={p.id} value={p.id}>{p.name}: {(p.trained!.testAccuracy * 100).toFixed(2)} % test accuracy</option>
            ))}
          </optgroup>
        )}
        <optgroup label="Architectures (no weights)">
          {PRESETS.filter((p) => !p.trained).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </optgroup>
      </select>
    </div>
  );
}

/** An empty model to build from the palette (undoable like every edit). */
function NewModelButton() {
  const setGraph = useFlopLab((s) => s.setGraph);
  return (
    <Button title="Start from an empty model and build it from the palette"
      onClick={() => setGraph({ name: 'Untitled', layers: [] }, { presetId: null })}>
      New model
    </Button>
  );
}

function ImportButton() {
  const id = useId();
  const importing = useFlopLab((s) => s.importing);
  const importFiles = useFlopLab((s) => s.importFiles);
  return (
    <div className="relative">
      <input
        id={id}
        type="file"
        multiple
        accept=".json,.bin,.onnx,.keras,.h5,.hdf5,application/json"
        className="peer sr-only"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) void importFiles(files);
        }}
      />
      <label
        htmlFor={id}
        title="A TensorFlow.js model.json (with its weight .bin files), an ONNX file (.onnx, e.g. from PyTorch), a Keras .keras or .h5 file, or a FlopLab JSON file. You can also drop the files on the page."
        className="inline-flex cursor-pointer items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 peer-focus-visible:outline-3 peer-focus-visible:outline-[#e69f00]"
      >
        Import model
      </label>
      {importing && <span className="ml-2 text-sm text-slate-600" role="status">Importing…</span>}
    </div>
  );
}

function UndoRedo() {
  const canUndo = useFlopLab((s) => s.canUndo);
  const canRedo = useFlopLab((s) => s.canRedo);
  const undo = useFlopLab((s) => s.undo);
  const redo = useFlopLab((s) => s.redo);
  return (
    <div className="flex gap-1" role="group" aria-label="History">
      <Button onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">↶ Undo</Button>
      <Button onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">↷ Redo</Button>
    </div>
  );
}

function ExportButtons() {
  const graph = useFlopLab((s) => s.graph);
  const report = useFlopLab((s) => s.report);
  const broken = useFlopLab((s) => s.errors.length > 0);
  const base = fileBase(graph.name);
  return (
    <div role="group" aria-label="Export" className="flex items-center gap-1">
      <span className="text-sm font-semibold text-slate-600">Export:</span>
      <Button onClick={() => downloadText(`${base}.floplab.json`, exportConfigJson(graph), 'application/json')}>FlopLab JSON</Button>
      <Button
        disabled={!report}
        title={broken ? 'The table of the last valid model' : 'Per-layer table'}
        onClick={() => report && downloadText(`${base}-layers.csv`, exportTableCsv(report), 'text/csv')}
      >
        CSV
      </Button>
    </div>
  );
}

/** A safe file name from a model name ("ResNet-50 (Keras)" → "ResNet-50-Keras"). */
function fileBase(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}
