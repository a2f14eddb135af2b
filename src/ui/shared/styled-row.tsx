// One styled row (shared/rows.ts) on screen, cut to its width; `more` is a muted marker kept at its end.
import { Text } from 'ink';
import { cellWidth } from './format.ts';
import { fitRows, type Row } from './rows.ts';
import { useSettings } from './settings-context.tsx';

export function StyledRow({ row, width, more }: { row: Row; width: number; more?: string }) {
  const { theme } = useSettings();
  const marker = more ? ` ${more}` : '';
  const [fitted] = fitRows([row], Math.max(1, width - cellWidth(marker))).rows;
  return (
    <Text wrap="truncate-end">
      {/* An empty row still takes its line. */}
      {!fitted || fitted.every((piece) => piece.text === '') ? ' ' : null}
      {(fitted ?? []).map((piece, i) =>
        piece.text === '' ? null : (
          <Text key={i} {...(piece.tone ? theme.tone(piece.tone) : {})}>
            {piece.text}
          </Text>
        ),
      )}
      {marker ? <Text {...theme.tone('muted')}>{marker}</Text> : null}
    </Text>
  );
}
