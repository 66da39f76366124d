import { For, type JSX } from 'solid-js';
import type { Statement } from '../../data/queries/statement';
import { count, money, percent } from '../../format';
import { ViewSql } from '../ViewSql';
import { ABC_CLASSES, XYZ_CLASSES, type AbcXyzMatrix as Matrix } from '../../ml/inventory/abc-xyz';

const ROW_WORDS = { A: 'A: top revenue', B: 'B: middle', C: 'C: tail' } as const;
const COL_WORDS = { X: 'X: steady demand', Y: 'Y: variable', Z: 'Z: erratic' } as const;

/** The 3×3 ABC × XYZ table: products and revenue per cell (a table is its own text alternative). */
export function AbcXyzMatrix(props: {
  matrix: Matrix;
  abc: readonly [number, number];
  xyz: readonly [number, number];
  sql: Statement;
}): JSX.Element {
  const share = (r: number) => (props.matrix.total.revenue > 0 ? r / props.matrix.total.revenue : 0);
  return (
    <section class="card" aria-labelledby="abc-xyz-title" data-testid="abc-xyz">
      <div class="card-head">
        <h2 class="card-title" id="abc-xyz-title">
          ABC × XYZ
        </h2>
        <ViewSql statement={props.sql} what="the products the ABC × XYZ table is computed from" />
      </div>
      <p class="muted">
        ABC by revenue: A makes the first {percent(props.abc[0], 0)} of revenue, B the next{' '}
        {percent(props.abc[1] - props.abc[0], 0)}, C the rest. XYZ by how steady weekly demand was over the last 12
        weeks (coefficient of variation): X up to {props.xyz[0]}, Y up to {props.xyz[1]}, Z above.
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="abc-xyz-caption">
        <table class="matrix">
          <caption class="sr-only" id="abc-xyz-caption">
            Products and revenue by revenue class (rows) and demand steadiness (columns)
          </caption>
          <thead>
            <tr>
              <th scope="col">Revenue class</th>
              <For each={XYZ_CLASSES}>
                {(x) => (
                  <th scope="col" class="num">
                    {COL_WORDS[x]}
                  </th>
                )}
              </For>
              <th scope="col" class="num">
                No sales in 12 weeks
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={ABC_CLASSES}>
              {(a, i) => (
                <tr>
                  <th scope="row">{ROW_WORDS[a]}</th>
                  <For each={XYZ_CLASSES}>
                    {(x, j) => (
                      <td
                        class="num"
                        data-testid="abc-xyz-cell"
                        data-abc={a}
                        data-xyz={x}
                        data-count={props.matrix.counts[i()]![j()]}
                      >
                        {count(props.matrix.counts[i()]![j()])}{' '}
                        <span class="muted">
                          · {money(props.matrix.revenue[i()]![j()])} (
                          {percent(share(props.matrix.revenue[i()]![j()]!), 0)})
                        </span>
                      </td>
                    )}
                  </For>
                  <td class="num">{count(props.matrix.noDemand.counts[i()])}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
