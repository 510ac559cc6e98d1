import { useFlopLab } from '../../state/store';
import { TrainPanel } from '../train/train-panel';

export function TrainTab() {
  const graph = useFlopLab((s) => s.graph);
  return <TrainPanel graph={graph} />;
}
