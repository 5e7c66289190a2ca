/**
 * The official layout of every standard table and the neutral grid every
 * renderer draws (see grid.ts and layouts.ts).
 */
export {
  type BodyCell,
  buildGrid,
  type CellAlign,
  chineseNumber,
  documentGrids,
  emptyNoteFor,
  type Grid,
  type GridContext,
  type HeaderCell,
  layoutOf,
  tableNumber,
} from "./grid.ts";
export {
  BUDGET_LAYOUTS,
  columnLabel,
  FINAL_LAYOUTS,
  type LayoutKind,
  layoutsFor,
  type TableLayout,
} from "./layouts.ts";
