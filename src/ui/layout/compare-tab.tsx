/** The Compare tab: pin the current model as A, edit it (e.g. Make separable), compare A vs B. */
import { NORMAL_VS_SEPARABLE_IDS } from '../../core/presets/index';
import { analysisSettled, useFlopLab } from '../../state/store';
import { Button } from '../common/button';
import { CompareView } from '../analysis/compare-view';
import { CompareAccuracy } from '../train/compare-accuracy';

/** Loads the lecture's normal model, pins it as A, then opens its separable twin as B. */
async function openLecturePair(): Promise<void> {
  const [normal, separable] = NORMAL_VS_SEPARABLE_IDS;
  useFlopLab.getState().loadPreset(normal);
  await analysisSettled();
  useFlopLab.getState().pinComparison();
  useFlopLab.getState().loadPreset(separable);
}

export function CompareTab() {
  const pinned = useFlopLab((s) => s.pinned);
  const graph = useFlopLab((s) => s.graph);
  const report = useFlopLab((s) => s.report);
  const { pinComparison, clearComparison } = useFlopLab.getState();
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={pinComparison} disabled={!report}>
          {pinned ? 'Pin the current model as A again' : 'Pin the current model as A'}
        </Button>
        {pinned && <Button onClick={clearComparison}>Clear A</Button>}
        <Button onClick={() => void openLecturePair()}>Open the lecture's pair (normal vs separable)</Button>
      </div>
      {!pinned ? (
        <p className="max-w-prose text-lg text-slate-700">
          Pin the current model as <b>A</b>, then change it (for example select a Conv2D and press
          “Make separable”): the current model is <b>B</b>, and the two are compared here side by side.
        </p>
      ) : !report ? (
        <p className="text-slate-700">The current model has no figures yet.</p>
      ) : (
        <>
          <CompareAccuracy a={pinned.graph} />
          <CompareView a={pinned} b={{ graph, report }} />
        </>
      )}
    </div>
  );
}
