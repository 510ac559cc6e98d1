import { useFlopLab } from '../../state/store';
import { CompressionLab } from '../compress/compression-lab';

export function CompressTab() {
  const graph = useFlopLab((s) => s.graph);
  return <CompressionLab graph={graph} />;
}
