"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_CLASSES } from "@/lib/validators/usage";

export interface UsageBarDatum {
  label: string;
  "2xx": number;
  "4xx": number;
  "5xx": number;
}

/** The palette's own colours (app/globals.css, light-dark()), so the bars follow the theme. */
const FILL = { "2xx": "var(--success)", "4xx": "var(--warning)", "5xx": "var(--destructive)" } as const;

/** Stacked bars by status class, filling the frame that `UsageBars` reserves. Recharts lives in this file alone. */
export default function UsageBarsChart({ data }: { data: UsageBarDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} stroke="var(--border)" minTickGap={12} />
        <YAxis allowDecimals={false} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} stroke="var(--border)" />
        <Tooltip
          cursor={{ fill: "var(--muted)" }}
          contentStyle={{ background: "var(--popover)", borderColor: "var(--border)", color: "var(--popover-foreground)", fontSize: 12 }}
        />
        {CHART_CLASSES.map((name) => (
          <Bar key={name} dataKey={name} stackId="status" fill={FILL[name]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
