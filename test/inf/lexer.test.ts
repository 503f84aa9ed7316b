/**
 * INF syntax: facts from wine-mirror/wine dlls/setupapi/tests/parser.c (tests that pass on
 * Windows), and learn.microsoft.com/windows-hardware/drivers/install/general-syntax-rules-for-inf-files
 * and .../install/inf-strings-section. Each case: INF text → key and fields after substitution.
 */
import { FindingSink } from '../../src/inf/findings.js';
import { parseInf } from '../../src/inf/parse.js';

const HEADER = '[Version]\r\nSignature="$CHICAGO$"\r\n';
const STRINGS = '[Strings]\nfoo=aaa\nbar=bbb\nloop=%loop2%\nloop2=%loop%\nper%%cent=abcd\nper=1\ncent=2\n22=foo\nmydrive="C:\\"\n';

function firstLine(body: string, extra = '') {
  const inf = parseInf(Buffer.from(`${HEADER}[Test]\n${body}\n${extra}`, 'latin1'), 't.inf');
  const line = inf.section('Test')!.lines[0];
  return { key: line.key ? inf.value(line.key) : null, fields: line.fields.map((f) => inf.value(f)), findings: inf.sink.findings };
}

describe('keys and fields (Wine parser tests, test_key_names)', () => {
  it.each([
    ['ab=cd', 'ab', ['cd']],
    ['ab=cd,ef,gh,ij', 'ab', ['cd', 'ef', 'gh', 'ij']],
    ['ab,cd', null, ['ab', 'cd']],
    ['ab,cd=ef', null, ['ab', 'cd=ef']],
    ['=abcd,ef', '', ['abcd', 'ef']],
    // backslash continuation
    ['ba\\\ncd=ef', 'bacd', ['ef']],
    ['ab  \\  \ncd=ef', 'abcd', ['ef']],
    ['ab\\\ncd,ef', null, ['abcd', 'ef']],
    ['ab  \\ ;cc\ncd=ef', 'abcd', ['ef']],
    ['ab \\ \\ \ncd=ef', 'abcd', ['ef']],
    ['ba \\ dc=xx', 'ba \\ dc', ['xx']],
    ['ba \\\\ \nc=d', 'bac', ['d']],
    ['a=b\\\\c', 'a', ['b\\\\c']],
    ['ab=cd \\ ', 'ab', ['cd']],
    ['ba=c \\ \n \\ \n a', 'ba', ['ca']],
    ['ba=c \\ \n \\ a', 'ba', ['c\\ a']],
    // quotes
    ['Ab"Cd"=Ef', 'AbCd', ['Ef']],
    ['Ab"Cd=Ef"', null, ['AbCd=Ef']],
    ['ab"""cd,ef=gh"', null, ['ab"cd,ef=gh']],
    ['ab""cd=ef', 'abcd', ['ef']],
    ['ab=cd""ef', 'ab', ['cdef']],
    ['ab=cd","ef', 'ab', ['cd,ef']],
    ['ab=cd",ef', 'ab', ['cd,ef']],
    ['ab=cd",ef\\\nab', 'ab', ['cd,ef\\']],
    ["HKLM,A,B,'C',D", null, ['HKLM', 'A', 'B', "'C'", 'D']],
    // blanks and empty fields
    [' a b = c , d ', 'a b', ['c', 'd']],
    [' a b = c ," d" ', 'a b', ['c', ' d']],
    [' a b\r = c\r', 'a b', ['c']],
    ['a=b,,,c,,,d', 'a', ['b', '', '', 'c', '', '', 'd']],
    ['a=b,"",c," ",d', 'a', ['b', '', 'c', ' ', 'd']],
    ['=,,b', '', ['', '', 'b']],
    [',=,,b', null, ['', '=', '', 'b']],
    ['a=', 'a', ['']],
    ['=', '', ['']],
    // end of file and NUL
    ['ab=c\x1ad', 'ab', ['c']],
    ['abcd=ef\x00gh', 'abcd', ['ef gh']],
  ])('%j', (body, key, fields) => {
    const got = firstLine(body);
    expect(got.key).toBe(key);
    expect(got.fields).toEqual(fields);
  });

  it('an unterminated quote is a finding at the quote, and ends at the end of the line', () => {
    const got = firstLine('ab=cd",ef');
    expect(got.findings.map((f) => [f.rule, f.line, f.column])).toContainEqual(['unterminated-quote', 4, 6]);
  });
});

describe('string substitution (Wine parser tests; inf-strings-section)', () => {
  it.each([
    ['%foo%=%bar%', 'aaa', ['bbb']],
    ['%foo%xx=%bar%yy', 'aaaxx', ['bbbyy']],
    ['%% %foo%=%bar%', '% aaa', ['bbb']],
    ['%f"o"o%=ccc', 'aaa', ['ccc']],
    ['abc=%bar;bla%', 'abc', ['%bar']],
    ['loop=%loop%', 'loop', ['%loop2%']],
    ['%per%%cent%=100', '12', ['100']],
    ['ab="%mydrive%\\fred"', 'ab', ['C:\\\\fred']],
  ])('%j', (body, key, fields) => {
    const got = firstLine(body, STRINGS);
    expect(got.key).toBe(key);
    expect(got.fields).toEqual(fields);
  });

  it('an unknown %key% stays as written and is a finding; a DIRID such as %12% is not', () => {
    const got = firstLine('a=%nothere%,%12%\\x.sys', STRINGS);
    expect(got.fields).toEqual(['%nothere%', '%12%\\x.sys']);
    expect(got.findings.filter((f) => f.rule === 'unresolved-string').map((f) => [f.line, f.column])).toEqual([[4, 3]]);
  });

  it('[Strings.LLLL] for --locale, falling back to [Strings] key by key', () => {
    const text = `${HEADER}[Test]\na=%x%,%y%\n[Strings]\nx=english\ny=only\n[Strings.0407]\nx=deutsch\n`;
    const value = (locale?: number) => {
      const inf = parseInf(Buffer.from(text), 't.inf', locale === undefined ? {} : { locale });
      return inf.section('Test')!.lines[0].fields.map((f) => inf.value(f));
    };
    expect(value()).toEqual(['english', 'only']);
    expect(value(0x0407)).toEqual(['deutsch', 'only']);
    expect(value(0x0c07)).toEqual(['english', 'only']); // de-AT: no [Strings.0c07] nor [Strings.0007]
  });
});

describe('sections (Wine parser tests, test_section_names; general syntax rules)', () => {
  const names = (text: string) => {
    const sink = new FindingSink();
    const inf = parseInf(Buffer.from(text, 'latin1'), 't.inf', { sink });
    return { names: [...inf.lexed.sections.values()].map((s) => s.name), inf, findings: sink.findings };
  };
  it.each([
    ['[TestSection]   \r\n', 'TestSection'],
    ['   [TestSection]\r\n', 'TestSection'],
    ['   [TestSection]   dummy\r\n', 'TestSection'],
    [' [  Test Section  ] dummy\r\n', '  Test Section  '],
    ['[Test[Section]\r\n', 'Test[Section'],
    ['[Test[S]ection]\r\n', 'Test[S'],
    ['[Test;Section]\r\n', 'Test;Section'],
    ['[Test\\Section]\r\n', 'Test\\Section'],
    ['[]\r\n', ''],
  ])('%j is section %j', (line, name) => {
    expect(names(HEADER + line).names).toContain(name);
  });

  it('names are case-insensitive and same-name sections are merged', () => {
    const { inf } = names(`${HEADER}[TestSection]\na=1\n[abc]\n[TESTSECTION]\nb=2\n`);
    expect(inf.section('testsection')!.lines.map((l) => inf.value(l.key))).toEqual(['a', 'b']);
  });

  it('a section comment ;[Test] is no section; an unterminated [name is a finding, never an exception', () => {
    const got = names(`${HEADER};[TestSection]\n[ab\r\nx=1\n`);
    expect(got.names).not.toContain('TestSection');
    expect(got.findings.map((f) => [f.rule, f.line])).toContainEqual(['unterminated-section-name', 4]);
  });

  it('lines before the first section are a finding', () => {
    const got = names(`garbage1\ngarbage2\n${HEADER}`);
    expect(got.findings.map((f) => [f.rule, f.line, f.column])).toContainEqual(['line-outside-section', 1, 1]);
  });
});

describe('encodings (general syntax rules: UTF-16LE with BOM, UTF-8, ANSI)', () => {
  const text = `${HEADER}[Strings]\nname="Caf\u00e9 \u00fcber"\n`;
  const read = (bytes: Uint8Array) => {
    const inf = parseInf(bytes, 't.inf');
    return { value: inf.strings.values.get('name'), encoding: inf.encoding, rules: inf.sink.findings.map((f) => f.rule) };
  };
  it('UTF-16LE with BOM', () => expect(read(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]))).toEqual({ value: 'Café über', encoding: 'utf-16le', rules: [] }));
  it('UTF-8 with BOM', () => expect(read(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]))).toEqual({ value: 'Café über', encoding: 'utf-8-bom', rules: [] }));
  it('UTF-8 without BOM is read as UTF-8, with a warning that Windows reads it as ANSI', () => expect(read(Buffer.from(text, 'utf8'))).toEqual({ value: 'Café über', encoding: 'utf-8', rules: ['encoding-utf8-no-bom'] }));
  it('ASCII without BOM: no finding', () => expect(read(Buffer.from(HEADER, 'utf8')).rules).toEqual([]));
  it('ANSI (Windows-1252), with an info finding', () => expect(read(Buffer.from(text, 'latin1'))).toEqual({ value: 'Café über', encoding: 'ansi', rules: ['encoding-ansi'] }));
  it('UTF-16LE without BOM is read, with a warning', () => expect(read(Buffer.from(text, 'utf16le'))).toEqual({ value: 'Café über', encoding: 'utf-16le', rules: ['encoding-utf16-no-bom'] }));
});
