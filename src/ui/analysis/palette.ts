/**
 * Okabe–Ito colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008).
 * Order chosen so that the first colours differ most; yellow comes last because it is the
 * weakest against a white background.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** Series colours for categorical data (pie slices, layer types). */
export const CATEGORY_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/** Grey for the "other" bucket, so it never looks like a real category. */
export const OTHER_COLOUR = '#9CA3AF';

/** The two latency estimates: naive vs roofline. */
export const NAIVE_COLOUR = OKABE_ITO.skyBlue;
export const ROOFLINE_COLOUR = OKABE_ITO.vermillion;
