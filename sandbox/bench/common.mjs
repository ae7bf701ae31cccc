// Shared helpers for the per-engine bench runners.
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function timeIt(runs, fn) {
  const ts = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await fn();
    ts.push(performance.now() - t0);
  }
  return { ms: median(ts), all: ts, out };
}

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

// Canonical answers, comparable across engines.
export function canonWeekday(rows) { // [{day: 0..6 (Monday=0), n, revenue}]
  return rows.map((r) => ({ day: r.day, n: Number(r.n), revenue: Math.round(Number(r.revenue) * 100) / 100 }))
    .sort((a, b) => a.day - b.day);
}
export function canonAge(rows) { // [{discipline, share}]
  return rows.map((r) => ({ discipline: r.discipline, share: Math.round(Number(r.share) * 1e9) / 1e9 }))
    .sort((a, b) => (a.discipline < b.discipline ? -1 : 1));
}
export function canonTop(rows) { // [{order, price}]
  return rows.map((r) => ({ order: String(r.order), price: Math.round(Number(r.price) * 100) / 100 }));
}
export function canonRepeat(r) { // {customers, rate}
  return { customers: Number(r.customers), rate: Math.round(Number(r.rate) * 1e9) / 1e9 };
}

export function report(result) {
  result.peak_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(result) + '\n');
}
