import { useFlopLab } from '../../state/store';
import { Placeholder } from './placeholder';

export function CompressTab() {
  const graph = useFlopLab((s) => s.graph);
  return <Placeholder title="Compression lab">{graph.name}</Placeholder>;
}
