/** The summary `vigil categorize` prints: totals, then the top categories with counts and an example. */
import type { BadRecordLog } from '../../engine/types';
import type { CategorizationStats, CategoryDefinitionDoc } from '../../engine/categorization/types';

export interface CategorySummaryInput {
  records: number;
  uncategorised: number;
  badRecords: BadRecordLog;
  stats: CategorizationStats;
  definitions: CategoryDefinitionDoc[];
  top: number;
  format: string;
  maxCategories?: number;
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? flat.slice(0, width - 1) + '…' : flat;
}

export function formatCategorySummary(s: CategorySummaryInput): string {
  const lines: string[] = [];
  lines.push(
    `${s.records} records (${s.format}), ${s.stats.total_category_count} categories, ${s.uncategorised} uncategorised, ` +
      `${s.badRecords.count} bad records, status ${s.stats.categorization_status}`,
  );
  if (s.stats.categorization_status === 'limit_reached') {
    lines.push(`category limit reached${s.maxCategories ? ` (${s.maxCategories} per partition)` : ''}: messages of new kinds were left uncategorised (category_id null)`);
  }
  for (const bad of s.badRecords.first) lines.push(`  bad: ${s.badRecords.format(bad)}`);
  const top = [...s.definitions].sort((a, b) => b.num_matches - a.num_matches || a.category_id - b.category_id).slice(0, s.top);
  if (top.length > 0) {
    lines.push('');
    lines.push(`${'id'.padStart(6)}  ${'count'.padStart(8)}  ${'share'.padStart(6)}  example`);
    for (const d of top) {
      const share = s.records > 0 ? ((100 * d.num_matches) / s.records).toFixed(1) + '%' : '-';
      const part = d.partition_field_value !== undefined ? `[${d.partition_field_value}] ` : '';
      lines.push(`${String(d.category_id).padStart(6)}  ${String(d.num_matches).padStart(8)}  ${share.padStart(6)}  ${clip(part + (d.examples[0] ?? d.terms), 100)}`);
    }
  }
  return lines.join('\n') + '\n';
}
