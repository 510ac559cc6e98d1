/**
 * Keras / tfjs activation names → FlopLab's ActivationName. tfjs-layers writes camelCase names
 * for a few (hardSigmoid), Keras 3 writes 'silu' for swish and 'hard_silu' for hard_swish; all map here.
 */
import { ACTIVATIONS, type ActivationName } from '../model';

const ALIASES: Record<string, ActivationName> = {
  hardSigmoid: 'hard_sigmoid',
  silu: 'swish',
  hard_silu: 'hard_swish',
  gelu_new: 'gelu',
  leakyReLU: 'leaky_relu',
  leakyrelu: 'leaky_relu',
};

const known = new Set<string>(ACTIVATIONS);

/**
 * Maps a Keras activation config value to an ActivationName. Absent or null means 'linear'.
 * An activation FlopLab does not know (e.g. 'mish', 'log_softmax') maps to 'linear' — it costs
 * nothing under the default FLOPs convention anyway — and returns a warning saying so.
 * Keras 3 may serialise an activation as an object whose `config` is the name; that is unwrapped.
 */
export function mapActivation(value: unknown, where: string): { activation: ActivationName; warning?: string } {
  if (value === undefined || value === null) return { activation: 'linear' };
  const name = typeof value === 'object' && !Array.isArray(value) && typeof (value as { config?: unknown }).config === 'string'
    ? (value as { config: string }).config
    : value;
  if (typeof name !== 'string') {
    return { activation: 'linear', warning: `${where}: activation ${JSON.stringify(value)} is not a name; counted as linear.` };
  }
  if (known.has(name)) return { activation: name as ActivationName };
  const alias = ALIASES[name];
  if (alias) return { activation: alias };
  return { activation: 'linear', warning: `${where}: activation '${name}' is not known to FlopLab; counted as linear (no cost).` };
}
