import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  completionStatus,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql, SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { SqlTable } from '../data/engine/sql-session';

/**
 * The console's CodeMirror setup, kept apart from the Solid component that owns the view.
 * CodeMirror writes its styles with style-mod, which on a document adds a <style> element
 * (refused by our CSP, `style-src 'self'`) but in a shadow root uses a constructable
 * stylesheet (allowed). So the editor lives in a shadow root, and all its styling is here, in
 * CodeMirror themes whose colours are the app's CSS variables: they inherit into the shadow
 * root and change with the light and dark themes. Tab is left to the browser: it moves focus
 * out of the editor instead of indenting, so keyboard users are never trapped.
 */

/** DuckDB's dialect: PostgreSQL's, plus DuckDB's own statements and clauses; names are case-insensitive. */
export const DuckDbDialect = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} summarize describe pivot unpivot pivot_wider pivot_longer qualify asof positional anti semi sample using exclude replace columns struct_pack list map`,
  caseInsensitiveIdentifiers: true,
});

/** The completion schema: each table with its columns (tables complete at the top level, columns after `table.` or alone). */
export function completionSchema(tables: readonly SqlTable[]): SQLNamespace {
  const schema: Record<string, readonly string[]> = {};
  for (const t of tables) schema[t.name] = t.columns.map((c) => c.name);
  return schema;
}

function languageFor(tables: readonly SqlTable[]): Extension {
  const first = tables[0]?.name;
  return sql({
    dialect: DuckDbDialect,
    schema: completionSchema(tables),
    upperCaseKeywords: true,
    // Columns of the main table complete without its name in front: most queries are over sales.
    ...(first ? { defaultTable: first } : {}),
  });
}

/** Marks the spot of an error (a range of the document), or clears the mark with null. */
export const setErrorMark = StateEffect.define<{ from: number; to: number } | null>();

const errorMark = Decoration.mark({ class: 'sql-error-mark' });

/** The error mark: set by `setErrorMark`, gone as soon as the text changes. */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorMark)) continue;
      const range = effect.value;
      if (!range) next = Decoration.none;
      else {
        const length = tr.state.doc.length;
        const from = Math.max(0, Math.min(range.from, length));
        const to = Math.max(from, Math.min(range.to, length));
        // An empty range (end of input) still needs something to mark: the character before it.
        next =
          to > from
            ? Decoration.set([errorMark.range(from, to)])
            : from > 0
              ? Decoration.set([errorMark.range(from - 1, from)])
              : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Syntax colours (variables in styles.css): 4.5:1 or better on the editor's surface in both themes. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword, tags.modifier], color: 'var(--sql-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--sql-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--sql-number)' },
  { tag: tags.comment, color: 'var(--sql-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name), tags.special(tags.name)], color: 'var(--sql-name)' },
]);

/** The editor's look in terms of the app's CSS variables (the values change with the theme). */
const appearance = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    fontSize: '0.9rem',
    minHeight: '8rem',
    maxHeight: '24rem',
  },
  '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '2px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    lineHeight: '1.5',
    overflow: 'auto',
  },
  '.cm-content': { caretColor: 'var(--text)', padding: '0.4rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--sql-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sql-active-line)', color: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--sql-selection)',
  },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--sql-selection)', outline: '1px solid var(--muted)' },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'var(--accent-text)',
  },
  '.cm-completionDetail': { color: 'inherit', opacity: '0.85' },
  '.sql-error-mark': {
    textDecoration: 'underline wavy var(--bad)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
    backgroundColor: 'var(--bad-bg)',
  },
});

/**
 * Typing over a selection is applied as a transaction instead of by the browser: Chromium's
 * native editing keeps the deleted text's look by wrapping the new text in <span style="…">,
 * which the CSP refuses (and reports). The text still goes through the editor's input handlers
 * (auto-closing brackets), as native typing would.
 */
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const text = event.data;
    if (event.inputType !== 'insertText' || !text || view.composing) return false;
    const { main } = view.state.selection;
    if (view.state.selection.ranges.every((r) => r.empty)) return false;
    event.preventDefault();
    const insert = () =>
      view.state.update(view.state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true });
    const handled = view.state.facet(EditorView.inputHandler).some((h) => h(view, main.from, main.to, text, insert));
    if (!handled) view.dispatch(insert());
    return true;
  },
});

/** What the editor calls back to. */
export interface EditorHooks {
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  /** Escape: return true if it did something (cancelled a query), false to let the editor have it. */
  onEscape(): boolean;
  /** Every change of the text. */
  onChange(text: string): void;
}

/** The editor's extensions, with compartments to swap the schema and the dark flag later. */
export function editorExtensions(
  hooks: EditorHooks,
  options: { tables: readonly SqlTable[]; dark: boolean; label: string; describedBy: string },
): { extensions: Extension[]; language: Compartment; scheme: Compartment } {
  const language = new Compartment();
  const scheme = new Compartment();
  const run = () => {
    hooks.onRun();
    return true;
  };
  const extensions: Extension[] = [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion({ icons: false }),
    highlightActiveLine(),
    EditorView.lineWrapping,
    syntaxHighlighting(highlight),
    appearance,
    errorField,
    typeOverSelection,
    language.of(languageFor(options.tables)),
    scheme.of(EditorView.darkTheme.of(options.dark)),
    // A name as text: an id reference cannot reach out of the shadow root to the visible heading.
    EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-describedby': options.describedBy }),
    Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run },
        { key: 'Ctrl-Enter', run },
        // An open (or pending) completion list takes Escape first: it closes the list and leaves a running
        // query alone. The completion keymap already comes earlier, but that rests on extension order.
        { key: 'Escape', run: (view) => completionStatus(view.state) === null && hooks.onEscape() },
      ]),
    ),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) hooks.onChange(update.state.doc.toString());
    }),
  ];
  return { extensions, language, scheme };
}

/** A new editor state holding `doc`. */
export function editorState(doc: string, extensions: Extension[]): EditorState {
  return EditorState.create({ doc, extensions });
}

/** Reconfigures the completion schema (the dataset's tables changed). */
export function setSchema(view: EditorView, language: Compartment, tables: readonly SqlTable[]): void {
  view.dispatch({ effects: language.reconfigure(languageFor(tables)) });
}

/** Replaces the whole text (a history entry, a shared link), clearing any error mark. */
export function replaceText(view: EditorView, text: string): void {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: text.length },
    effects: setErrorMark.of(null),
  });
}

/** Marks an error's spot, puts the cursor there and scrolls it into view. */
export function markError(view: EditorView, from: number, to: number): void {
  const length = view.state.doc.length;
  const anchor = Math.max(0, Math.min(from, length));
  view.dispatch({
    effects: [setErrorMark.of({ from, to }), EditorView.scrollIntoView(anchor, { y: 'center' })],
    selection: { anchor },
  });
}

/** Where the token at `offset` ends (for marking a whole word rather than one character). */
export function tokenEnd(text: string, offset: number): number {
  const match = /^(?:[A-Za-z0-9_$\u0080-\uffff]+|"(?:[^"]|"")*"|'(?:[^']|'')*'|\S)/.exec(text.slice(offset));
  return offset + (match?.[0].length ?? 0);
}
