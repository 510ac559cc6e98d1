/**
 * The whole FlopLab state made of its slices, as one zustand state creator: the store uses it
 * with the real analysis worker, tests with a fake one (the slice list lives in one place).
 */
import { createAccuracySlice } from './accuracy-slice';
import { createComparisonSlice } from './comparison-slice';
import { createDeviceSlice } from './device-slice';
import { createImportSlice } from './import-slice';
import { createLessonSlice } from './lesson-slice';
import { createModelSlice } from './model-slice';
import { createNoticeSlice } from './notice-slice';
import type { StoreDeps } from './run-analysis';
import type { FlopLabState, SliceCreator } from './store-types';
import { createViewSlice } from './view-slice';

export function createFlopLabState(deps: StoreDeps, lessonDeps?: Parameters<typeof createLessonSlice>[0]): SliceCreator<FlopLabState> {
  return (...a) => ({
    ...createModelSlice(deps)(...a),
    ...createViewSlice(deps)(...a),
    ...createDeviceSlice(...a),
    ...createComparisonSlice(...a),
    ...createNoticeSlice(...a),
    ...createImportSlice(...a),
    ...createLessonSlice(lessonDeps)(...a),
    ...createAccuracySlice(...a),
  });
}
