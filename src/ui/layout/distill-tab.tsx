import { useFlopLab } from '../../state/store';
import { DistillPanel } from '../distill/distill-panel';

export function DistillTab() {
  const graph = useFlopLab((s) => s.graph);
  return <DistillPanel graph={graph} />;
}
