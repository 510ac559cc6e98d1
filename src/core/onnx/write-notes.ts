/**
 * The ONNX writer's notes about kernels stored as floats: why a quantized kernel is not
 * DequantizeLinear, and which kernels are rounded to the file's float16 or bfloat16 (stored so, or
 * by the Cast after DequantizeLinear), one line each.
 */
import type { FloatStorage } from './write-float-types';

const shownLayers = (layers: string[]) => (layers.length > 6 ? `${layers.slice(0, 6).join(', ')} and ${layers.length - 6} more` : layers.join(', '));

/** Collects "reason: layers" notes of the ONNX writer, one line per reason and storage type. */
export class FloatNotes {
  private byReason = new Map<string, string[]>();
  private rounded = new Map<string, string[]>();
  /** `key` is 'storage|reason'. */
  add(key: string, layer: string): void {
    this.byReason.set(key, [...(this.byReason.get(key) ?? []), layer]);
  }
  addRounded(storage: FloatStorage, layer: string): void {
    this.rounded.set(storage, [...(this.rounded.get(storage) ?? []), layer]);
  }
  lines(): string[] {
    const reasons = [...this.byReason].map(([key, layers]) => {
      const [storage, reason] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
      return `Stored as ${storage} values on the compressed grid, because ${reason}: ${shownLayers(layers)}.`;
    });
    const rounded = [...this.rounded].map(([storage, layers]) =>
      `Read in the file's own ${storage} type, so the compressed values are rounded to the nearest ${storage} (the report's errors are before that rounding): ${shownLayers(layers)}.`);
    return [...reasons, ...rounded];
  }
}
