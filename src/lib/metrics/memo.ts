// Results of costly pure functions, kept by their inputs: a page read again over the same counts (most
// segments do not move between two reads) finds its statistics instead of integrating and drawing them
// again. Only for pure results: the same key always gives the same value, so nothing can be stale.

/** A bounded map of pure results by key; the least recently used entry leaves first. */
export interface Memo<V> {
	get(key: string, compute: () => V): V;
	/** Remember a result computed elsewhere by the same pure function (another thread). */
	set(key: string, value: V): void;
	size(): number;
	clear(): void;
}

const all: Memo<unknown>[] = [];

export function memo<V>(size: number): Memo<V> {
	// A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
	const entries = new Map<string, V>();
	const m: Memo<V> = {
		get(key, compute) {
			if (entries.has(key)) {
				const value = entries.get(key)!;
				entries.delete(key);
				entries.set(key, value);
				return value;
			}
			const value = compute();
			entries.set(key, value);
			if (entries.size > size) entries.delete(entries.keys().next().value!);
			return value;
		},
		set(key, value) {
			entries.delete(key);
			entries.set(key, value);
			if (entries.size > size) entries.delete(entries.keys().next().value!);
		},
		size: () => entries.size,
		clear: () => entries.clear()
	};
	all.push(m as Memo<unknown>);
	return m;
}

/** Forget every memo's results: a benchmark's cold reads. */
export function clearMemos(): void {
	for (const m of all) m.clear();
}
