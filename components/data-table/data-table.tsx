"use client";

import { columnPinningFeature, type ColumnPinningPosition, createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { LinkRow } from "@/components/ui/link-row";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export interface DataTableColumn {
  id: string;
  /** The column's header, also the label of each value when rows stack as cards below 640 px. */
  header: string;
  /** Keeps the header for assistive technology only (an actions column). */
  hideHeader?: boolean;
  /** Sorting stays on the server: the header links to the URL that sorts by this column. */
  sort?: { href: string; direction?: "ascending" | "descending" };
  /**
   * For what people and clients write (names, URLs, paths, sentences that quote them): the text wraps, breaking a long
   * word anywhere, so that it never widens the table past its frame.
   */
  wrap?: boolean;
  className?: string;
}

const WRAP = "whitespace-normal [overflow-wrap:anywhere]";

export interface DataTableRow {
  id: string;
  cells: Record<string, ReactNode>;
  /** Opens this page when the row is clicked anywhere; the row must still hold a real link to it. */
  href?: string;
}

const features = tableFeatures({ columnPinningFeature });
const helper = createColumnHelper<typeof features, DataTableRow>();

/**
 * Every console table. Rows arrive rendered (server components pass their cells), so sorting, filters and pages stay
 * in the URL. The frame scrolls sideways, never the page; the first column stays at the left and a column with id
 * "actions" at the right, so a row's name and its controls are always in view. Below 640 px rows stack as cards.
 */
export function DataTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: DataTableColumn[];
  rows: DataTableRow[];
}) {
  const table = useTable({
    features,
    columns: columns.map((column) =>
      helper.display({ id: column.id, header: column.header, cell: ({ row }) => row.original.cells[column.id] }),
    ),
    data: rows,
    getRowId: (row) => row.id,
    initialState: {
      columnPinning: {
        start: columns.slice(0, 1).map((c) => c.id),
        end: columns.some((c) => c.id === "actions") ? ["actions"] : [],
      },
    },
  });
  const byId = new Map(columns.map((c) => [c.id, c]));
  const frame = useScrollableFrame();

  return (
    <Table
      aria-label={label}
      scrollFrame={frame}
      className="max-sm:block [&>tbody]:max-sm:grid [&>tbody]:max-sm:gap-3"
    >
      <TableHeader className="max-sm:sr-only">
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id} className="hover:bg-transparent">
            {group.headers.map((header) => {
              const column = byId.get(header.column.id)!;
              return (
                <TableHead
                  key={header.id}
                  aria-sort={column.sort?.direction}
                  className={cn(pinClass(header.column.getIsPinned()), column.wrap && WRAP, column.className)}
                >
                  {column.hideHeader ? (
                    <span className="sr-only">{column.header}</span>
                  ) : column.sort ? (
                    <Link href={column.sort.href} className="inline-flex items-center gap-1 hover:underline">
                      {column.header}
                      {column.sort.direction ? (
                        <span aria-hidden>{column.sort.direction === "ascending" ? "▲" : "▼"}</span>
                      ) : null}
                    </Link>
                  ) : (
                    column.header
                  )}
                </TableHead>
              );
            })}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody className="max-sm:block">
        {table.getRowModel().rows.map((row) => {
          const cells = row.getAllCells().map((cell) => {
            const column = byId.get(cell.column.id)!;
            return (
              <TableCell
                key={cell.id}
                // A card's label is generated content, so the cell's text stays its value alone; the header row,
                // visually hidden on a phone, still names each cell for assistive technology.
                data-label={column.hideHeader ? undefined : column.header}
                className={cn(
                  pinClass(cell.column.getIsPinned()),
                  "max-sm:flex max-sm:min-w-0 max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-2 max-sm:p-0 max-sm:whitespace-normal max-sm:[overflow-wrap:anywhere]",
                  "max-sm:data-label:before:font-medium max-sm:data-label:before:text-muted-foreground max-sm:data-label:before:content-[attr(data-label)]",
                  column.wrap && WRAP,
                  column.className,
                )}
              >
                {row.original.cells[cell.column.id]}
              </TableCell>
            );
          });
          // Important: the table body drops the last row's rule, but the last card keeps its frame.
          const card = "max-sm:grid max-sm:gap-2 max-sm:rounded-lg max-sm:border! max-sm:p-3";
          return row.original.href ? (
            <LinkRow key={row.id} href={row.original.href} className={cn("group", card)}>
              {cells}
            </LinkRow>
          ) : (
            <TableRow key={row.id} className={cn("group", card)}>
              {cells}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Pinned cells are opaque, so what scrolls under them does not show through. Cards (below 640 px) pin nothing. */
function pinClass(pinned: ColumnPinningPosition) {
  if (pinned === "start") return "sm:sticky sm:left-0 sm:z-10 sm:bg-background sm:shadow-[inset_-1px_0_0_var(--color-border)]";
  if (pinned === "end")
    return "text-right sm:sticky sm:right-0 sm:z-10 sm:bg-background sm:shadow-[inset_1px_0_0_var(--color-border)] max-sm:justify-end";
  return undefined;
}

/**
 * A frame that scrolls sideways is focusable (and named by its table) only while it overflows, so keyboard users can
 * scroll it and no extra tab stop exists when everything fits.
 */
function useScrollableFrame() {
  const ref = useRef<HTMLDivElement>(null);
  // Unknown until measured after hydration; the frame says which it is in data-scrollable.
  const [scrollable, setScrollable] = useState<boolean>();
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setScrollable(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return { ref, scrollable };
}
