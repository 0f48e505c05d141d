type Color = 'red' | 'green';

export function fill(palette: Record<Color, number>, color: Color, counts: number[], i: number, sym: symbol) {
  palette[color] = 1;
  counts[i] = 2;
  const registry: Record<symbol, boolean> = {};
  registry[sym] = true;
  const map = new Map<string, number>();
  map.set('x', 1);
  palette['red'] = 3;
}
