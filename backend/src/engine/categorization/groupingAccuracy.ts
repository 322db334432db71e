/**
 * Grouping accuracy as loghub measures log parsers: a message counts as right when the predicted
 * category it is in holds exactly the messages of its true event (no more, no fewer). Messages with
 * no predicted category (null) are never right.
 */
export interface GroupingAccuracy {
  accuracy: number;
  correct: number;
  total: number;
  predictedGroups: number;
  trueGroups: number;
}

export function groupingAccuracy(predicted: readonly (number | string | null)[], truth: readonly (number | string)[]): GroupingAccuracy {
  if (predicted.length !== truth.length) throw new Error(`groupingAccuracy: ${predicted.length} predictions for ${truth.length} messages`);
  const trueSize = new Map<number | string, number>();
  for (const t of truth) trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
  const groups = new Map<number | string, { size: number; label: number | string; pure: boolean }>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i];
    if (p === null) continue;
    const g = groups.get(p);
    if (!g) groups.set(p, { size: 1, label: truth[i], pure: true });
    else {
      g.size++;
      if (g.label !== truth[i]) g.pure = false;
    }
  }
  let correct = 0;
  for (const g of groups.values()) if (g.pure && trueSize.get(g.label) === g.size) correct += g.size;
  const total = truth.length;
  return { accuracy: total === 0 ? 1 : correct / total, correct, total, predictedGroups: groups.size, trueGroups: trueSize.size };
}
