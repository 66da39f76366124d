import { EditorView } from '@codemirror/view';
import { createEffect, on, onCleanup, onMount, type JSX } from 'solid-js';
import type { SqlTable } from '../../data/engine/sql-session';
import {
  editorExtensions,
  editorState,
  markError,
  replaceText,
  setErrorMark,
  setSchema,
  tokenEnd,
} from '../../sql/editor';
import { colourScheme } from '../../state/theme';

/** What the page can do to the editor. */
export interface SqlEditorApi {
  /** The current text. */
  text(): string;
  /** Replaces the text (a history entry, a shared link). */
  setText(text: string): void;
  /** Marks the error at `offset`, moves the cursor there and (with `focus`) focuses the editor. */
  showError(offset: number, focus?: boolean): void;
  clearError(): void;
  focus(): void;
}

interface SqlEditorProps {
  initial: string;
  tables: readonly SqlTable[];
  /** The editor's accessible name (the visible heading's text) and its keyboard help. */
  label: string;
  help: string;
  onRun(): void;
  onEscape(): boolean;
  onChange(text: string): void;
  ref(api: SqlEditorApi): void;
}

/**
 * The SQL editor (CodeMirror 6): owns the view's lifecycle and keeps schema and theme in step.
 * It is mounted in a shadow root so that CodeMirror's styles use a constructable stylesheet,
 * which the CSP allows (see `sql/editor.ts`).
 */
export function SqlEditor(props: SqlEditorProps): JSX.Element {
  let host!: HTMLDivElement;

  onMount(() => {
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    // The description lives in the shadow root too, where the editor's aria-describedby can reach it.
    const help = document.createElement('p');
    help.id = 'sql-editor-help';
    help.hidden = true;
    help.textContent = props.help;
    shadow.append(help);
    const { extensions, language, scheme } = editorExtensions(
      {
        onRun: () => props.onRun(),
        onEscape: () => props.onEscape(),
        onChange: (text) => props.onChange(text),
      },
      {
        tables: props.tables,
        dark: colourScheme() === 'dark',
        label: props.label,
        describedBy: help.id,
      },
    );
    const editor = new EditorView({ state: editorState(props.initial, extensions), parent: shadow, root: shadow });
    createEffect(
      on(
        () => props.tables,
        (tables) => setSchema(editor, language, tables),
        { defer: true },
      ),
    );
    createEffect(
      on(colourScheme, (s) => editor.dispatch({ effects: scheme.reconfigure(EditorView.darkTheme.of(s === 'dark')) }), {
        defer: true,
      }),
    );
    props.ref({
      text: () => editor.state.doc.toString(),
      setText: (text) => replaceText(editor, text),
      showError(offset, focus) {
        const text = editor.state.doc.toString();
        markError(editor, offset, tokenEnd(text, offset));
        if (focus) editor.focus();
      },
      clearError: () => editor.dispatch({ effects: setErrorMark.of(null) }),
      focus: () => editor.focus(),
    });
    onCleanup(() => {
      editor.destroy();
      help.remove();
    });
  });

  return <div ref={host} class="sql-editor" data-testid="sql-editor" />;
}
