/**
 * Device presets for latency estimates: peak FP32 GFLOPS (a rate) and memory bandwidth in GB/s
 * (1 GB = 1e9 bytes). Each figure carries its source: a vendor spec, or "derived" with the
 * arithmetic (cores × clock × FLOPs per cycle; transfer rate × bus width). Peaks are theoretical;
 * real kernels reach a fraction of them.
 */
import type { DevicePreset } from './cost-types';

export const DEVICE_PRESETS: DevicePreset[] = [
  {
    id: 'raspberry-pi-4', name: 'Raspberry Pi 4 (Cortex-A72 CPU)', peakGflops: 48, bandwidthGBs: 12.8,
    peakSource: 'Derived: 4 Cortex-A72 cores × 1.5 GHz (launch clock; boards made since 2020 run 1.8 GHz, 57.6 GFLOPS) × 8 FP32 FLOPs/cycle (one 4-wide NEON FMA per cycle; vfpbench measures ≈ 8 per core) = 48 GFLOPS',
    bandwidthSource: 'Derived: LPDDR4-3200 on a 32-bit bus, 3200 MT/s × 4 B = 12.8 GB/s (Raspberry Pi 4 product brief)',
  },
  {
    id: 'raspberry-pi-5', name: 'Raspberry Pi 5 (Cortex-A76 CPU)', peakGflops: 153.6, bandwidthGBs: 17.1,
    peakSource: 'Derived: 4 Cortex-A76 cores × 2.4 GHz × 16 FP32 FLOPs/cycle (two 4-wide NEON FMA pipes) = 153.6 GFLOPS',
    bandwidthSource: 'Derived: LPDDR4X-4267 on a 32-bit bus, 4267 MT/s × 4 B ≈ 17.1 GB/s (Raspberry Pi 5 product brief)',
  },
  {
    id: 'apple-a17-pro-gpu', name: 'iPhone 15 Pro GPU (Apple A17 Pro)', peakGflops: 2147, bandwidthGBs: 51.2,
    peakSource: 'Estimate, derived: 6 GPU cores × 128 FP32 ALUs × 2 (FMA) × 1.398 GHz ≈ 2,147 GFLOPS; Apple publishes neither FLOPS nor clock (clock from third-party GPU databases)',
    bandwidthSource: 'Derived: LPDDR5-6400 on a 64-bit bus, 6400 MT/s × 8 B = 51.2 GB/s',
  },
  {
    id: 'laptop-ryzen-7-7840u', name: 'Laptop CPU (AMD Ryzen 7 7840U)', peakGflops: 844.8, bandwidthGBs: 120,
    peakSource: 'Derived: 8 Zen 4 cores × 3.3 GHz base × 32 FP32 FLOPs/cycle (two 256-bit FMA per cycle) = 844.8 GFLOPS',
    bandwidthSource: 'Derived: LPDDR5X-7500 (AMD spec maximum) on a 128-bit bus, 7500 MT/s × 16 B = 120 GB/s',
  },
  {
    id: 'apple-m2-gpu', name: 'Apple M2 GPU (10-core)', peakGflops: 3600, bandwidthGBs: 100,
    peakSource: 'Apple M2 announcement (June 2022): "up to 3.6 teraflops"',
    bandwidthSource: 'Apple M2 announcement (June 2022): 100 GB/s unified memory bandwidth',
  },
  {
    id: 'jetson-orin-nano', name: 'NVIDIA Jetson Orin Nano 8 GB (GPU)', peakGflops: 1280, bandwidthGBs: 68,
    peakSource: 'Derived: 1,024 Ampere CUDA cores × 625 MHz × 2 (FMA) = 1,280 GFLOPS (NVIDIA module data sheet clocks; JetPack 6.2 "Super" mode raises the GPU to 1,020 MHz and memory to 102 GB/s)',
    bandwidthSource: 'NVIDIA Jetson Orin Nano data sheet: 68 GB/s (128-bit LPDDR5)',
  },
  {
    id: 'rtx-4090', name: 'NVIDIA GeForce RTX 4090', peakGflops: 82_600, bandwidthGBs: 1008,
    peakSource: 'NVIDIA Ada Lovelace architecture whitepaper: 82.6 TFLOPS FP32 (16,384 CUDA cores × 2.52 GHz boost × 2)',
    bandwidthSource: 'NVIDIA spec: 24 GB GDDR6X, 21 Gbps × 384-bit = 1,008 GB/s',
  },
  {
    id: 'a100', name: 'NVIDIA A100 SXM 80 GB', peakGflops: 19_500, bandwidthGBs: 2039,
    peakSource: 'NVIDIA A100 data sheet: 19.5 TFLOPS FP32 (non-tensor-core)',
    bandwidthSource: 'NVIDIA A100 data sheet: 2,039 GB/s (80 GB HBM2e, SXM)',
  },
  {
    id: 'h100', name: 'NVIDIA H100 SXM', peakGflops: 67_000, bandwidthGBs: 3350,
    peakSource: 'NVIDIA H100 data sheet: 67 TFLOPS FP32 (SXM, non-tensor-core)',
    bandwidthSource: 'NVIDIA H100 data sheet: 3.35 TB/s (80 GB HBM3, SXM)',
  },
];

/** The preset with this id, or undefined. */
export function findDevice(id: string): DevicePreset | undefined {
  return DEVICE_PRESETS.find((d) => d.id === id);
}
