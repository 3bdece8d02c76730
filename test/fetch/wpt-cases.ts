/**
 * The inputs of web-platform-tests' eventsource/format-* tests, as test/resilience/format-parity
 * replays them for native EventSource through test/fixtures/fault-server, with what a conforming
 * EventSource dispatches for each (the WPT assertions, checked against the HTML spec's
 * "interpreting an event stream" rules).
 */
import type { SSEMessage } from '../../src/core/transport'
import { message } from './sink'

export interface FormatCase {
  /** The WPT file the input comes from. */
  file: string
  path: string
  /** Connections the case spans (the stream ends and the client reconnects in between). */
  connections?: number
  expected: SSEMessage[]
}

const longComment = 'x'.repeat(2 * 1024)

export const formatCases: FormatCase[] = [
  {
    // One leading BOM is stripped; a BOM later in the stream makes that line an unknown field.
    file: 'format-bom.js',
    path: '/wpt/message?message=%EF%BB%BFdata%3A1%0A%0A%EF%BB%BFdata%3A2%0A%0Adata%3A3',
    expected: [message('1'), message('3')],
  },
  {
    // Only one BOM is stripped: the second one spoils the first line.
    file: 'format-bom-2.any.js',
    path: '/wpt/message?message=%EF%BB%BF%EF%BB%BFdata%3A1%0A%0Adata%3A2%0A%0Adata%3A3',
    expected: [message('2'), message('3')],
  },
  {
    file: 'format-comments.js',
    path: `/wpt/message?message=${encodeURI(
      'data:1\r:\0\n:\r\ndata:2\n:' + longComment + '\rdata:3\n:data:fail\r:' + longComment + '\ndata:4\n',
    )}&newline=none`,
    expected: [message('1\n2\n3\n4')],
  },
  {
    // The unterminated last event (and its id) is dropped when the stream ends; the reconnect replays test1.
    file: 'format-data-before-final-empty-line.js',
    path: `/wpt/message?newline=none&message=${encodeURIComponent('retry:1000\ndata:test1\n\nid:test\ndata:test2')}`,
    connections: 2,
    expected: [message('test1'), message('test1')],
  },
  {
    // `data:` with nothing after is an empty line of data; `data` with no colon is a field with an empty value.
    file: 'format-field-data.js',
    path: '/wpt/message?message=data%3A%0A%0Adata%0Adata%0A%0Adata%3Atest',
    expected: [message(''), message('\n'), message('test')],
  },
  {
    // An empty `event` field means the default type, message.
    file: 'format-field-event-empty.htm',
    path: '/wpt/message?message=event%3A%20%0Adata%3Adata',
    expected: [message('data')],
  },
  {
    file: 'format-field-event.htm',
    path: '/wpt/message?message=event%3Atest%0Adata%3Ax%0A%0Adata%3Ax',
    expected: [{ type: 'test', data: 'x', lastEventId: '' }, message('x')],
  },
  {
    // The id persists across reconnects and goes back as Last-Event-ID (UTF-8), which the server echoes.
    file: 'format-field-id.htm, format-field-id-2.any.js',
    path: '/wpt/last-event-id',
    connections: 3,
    expected: [message('hello', '…'), message('…', '…'), message('…', '…')],
  },
  {
    file: 'format-field-id-3.htm (persists)',
    path: '/wpt/last-event-id2?type=1',
    expected: [message('1', '1'), message('2', '1')],
  },
  {
    file: 'format-field-id-3.htm (changes and persists)',
    path: '/wpt/last-event-id2?type=2',
    expected: [message('1', '1'), message('2', '2'), message('3', '2')],
  },
  {
    file: 'format-field-id-3.htm (resets)',
    path: '/wpt/last-event-id2?type=3',
    expected: [message('1', '1'), message('2', ''), message('3', '')],
  },
  {
    // An id containing U+0000 is ignored (current spec; older copies of this test expected "\0\0"),
    // so nothing is sent back as Last-Event-ID and the server says hello again.
    file: 'format-field-id-null.htm',
    path: '/wpt/last-event-id?idvalue=%00%00',
    connections: 2,
    expected: [message('hello'), message('hello')],
  },
  {
    // Field names are case-sensitive, exact, and end at the first colon; one leading space is stripped; CR, LF, CRLF.
    file: 'format-field-parsing.any.js',
    path: `/wpt/message?message=${encodeURI(
      'data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n',
    )}&newline=none`,
    expected: [message('\0\n 2\n1\n3\n\n4')],
  },
  {
    file: 'format-field-retry-bogus.htm',
    path: '/wpt/message?message=retry%3A2000%0Aretry%3A1000x%0Adata%3Ax',
    expected: [message('x')],
  },
  {
    file: 'format-field-retry.htm',
    path: '/wpt/message?message=retry%3A02000%0Adata%3Ax',
    expected: [message('x')],
  },
  {
    // A `retry` field with no value (no colon, or nothing after it) is ignored.
    file: 'format-field-retry-empty.htm',
    path: '/wpt/message?message=retry%0Adata%3Atest',
    expected: [message('test')],
  },
  {
    file: 'format-field-retry-empty.htm (with a colon)',
    path: '/wpt/message?message=retry%3A%0Adata%3Atest',
    expected: [message('test')],
  },
  {
    file: 'format-field-unknown.any.js',
    path: '/wpt/message?message=data%3Atest%0A%20data%0Adata%0Afoobar%3Axxx%0Ajustsometext%0A%3Athisisacommentyay%0Adata%3Atest',
    expected: [message('test\n\ntest')],
  },
  {
    // Only a single space is stripped, not a tab; a bare CR ends a line.
    file: 'format-leading-space.any.js',
    path: '/wpt/message?message=data%3A%09test%0Ddata%3A%20%0Adata%3Atest',
    expected: [message('\ttest\n\ntest')],
  },
  {
    file: 'format-newlines.any.js',
    path: '/wpt/message?message=data%3Atest%0D%0Adata%0Adata%3Atest%0D%0A%0D&newline=none',
    expected: [message('test\n\ntest')],
  },
  {
    file: 'format-null-character.html',
    path: '/wpt/message?message=data%3A%00%0A%0A',
    expected: [message('\0')],
  },
  {
    // Always UTF-8, whatever charset the Content-Type claims.
    file: 'format-utf-8.any.js',
    path: '/wpt/message?mime=text/event-stream%3bcharset=windows-1252&message=data%3Aok%E2%80%A6',
    expected: [message('ok…')],
  },
  {
    file: 'format-mime-trailing-semicolon.htm',
    path: '/wpt/message?mime=text/event-stream%3B',
    expected: [message('data')],
  },
]
