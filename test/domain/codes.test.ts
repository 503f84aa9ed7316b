/**
 * parseStatus / parseDif / hex / describeStatus, and the exact value of every status code.
 * Values: Wine include/winerror.h; MinGW winerror.h (Wine include/setupapi.h, MinGW mingw-w64-headers/include/setupapi.h and
 * winerror.h); wine-mirror/wine include/winerror.h.
 */
import { CodeError, describeStatus, hex, parseDif, parseStatus } from '../../src/domain/codes.js';
import { Status, STATUS_CODES } from '../../src/domain/statusCodes.js';

describe('parseStatus', () => {
  describe('given a status name', () => {
    it('should return its value', () => {
      expect(parseStatus('ERROR_DI_DO_DEFAULT')).toBe(0xe000020e);
      expect(parseStatus('NO_ERROR')).toBe(0);
    });

    // Wine include/winerror.h; MinGW winerror.h: NO_ERROR (= ERROR_SUCCESS) — MinGW mingw-w64-headers/include/winerror.h
    it('should accept ERROR_SUCCESS as NO_ERROR', () => {
      expect(parseStatus('ERROR_SUCCESS')).toBe(0);
    });
  });

  describe('given a number', () => {
    it('should return the unsigned value', () => {
      // Wine include/winerror.h; MinGW winerror.h: ERROR_DI_DO_DEFAULT unsigned decimal 3758096910
      expect(parseStatus(3758096910)).toBe(0xe000020e);
    });

    it('should read a signed 32-bit number as the same code', () => {
      // 0xE000020E - 2^32 = 3758096910 - 4294967296 = -536870386
      expect(parseStatus(-536870386)).toBe(0xe000020e);
      expect(parseStatus(-1)).toBe(0xffffffff);
    });

    it('should allow numbers that name no known code', () => {
      expect(parseStatus(0x12345678)).toBe(0x12345678);
    });

    it('should refuse a number that does not fit in 32 bits', () => {
      expect(() => parseStatus(0x100000000)).toThrow(CodeError);
      expect(() => parseStatus(1.5)).toThrow(CodeError);
    });
  });

  describe('given a hex string', () => {
    it.each(['0xE000020E', '0xe000020e', '0xE000020e', '0XE000020E', ' 0xe000020E '])('should read %p in any case', (text) => {
      expect(parseStatus(text)).toBe(0xe000020e);
    });

    it('should allow hex values that name no known code', () => {
      expect(parseStatus('0xABCD')).toBe(0xabcd);
    });

    it('should refuse more than 8 hex digits', () => {
      expect(() => parseStatus('0x1E000020E')).toThrow(CodeError);
    });
  });

  describe('given an unknown name', () => {
    it('should throw a CodeError that suggests the nearest name', () => {
      expect(() => parseStatus('ERROR_DI_DO_DEFALT')).toThrow(CodeError);
      expect(() => parseStatus('ERROR_DI_DO_DEFALT')).toThrow(/did you mean ERROR_DI_DO_DEFAULT\?/);
    });

    it('should throw a one-line message naming the input', () => {
      let message = '';
      try {
        parseStatus('ERROR_DI_POSTPROCESSING_REQUIRD');
      } catch (error) {
        expect(error).toBeInstanceOf(CodeError);
        message = (error as Error).message;
      }
      expect(message).toContain('ERROR_DI_POSTPROCESSING_REQUIRD');
      expect(message).toContain('did you mean ERROR_DI_POSTPROCESSING_REQUIRED?');
      expect(message).not.toContain('\n');
    });
  });
});

describe('parseDif', () => {
  describe('given a DIF name', () => {
    // WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h: DIF_INSTALLDEVICE 0x02, DIF_FINISHINSTALL_ACTION 0x2A (Wine include/setupapi.h)
    it('should return its value', () => {
      expect(parseDif('DIF_INSTALLDEVICE')).toBe(0x02);
      expect(parseDif('DIF_FINISHINSTALL_ACTION')).toBe(0x2a);
    });
  });

  describe('given a number or hex string', () => {
    // WDD co-installer-operation.md; Wine dlls/setupapi/tests/devinst.c: unknown DIF codes (0xdeadbeef) are passed to the installers
    // (wine-mirror/wine dlls/setupapi/tests/devinst.c test_class_installer, run on Windows)
    it('should allow values that are no known DIF code', () => {
      expect(parseDif(0xdeadbeef)).toBe(0xdeadbeef);
      expect(parseDif('0xdeadbeef')).toBe(0xdeadbeef);
      expect(parseDif('0xDEADBEEF')).toBe(0xdeadbeef);
    });

    it('should read known values as numbers too', () => {
      expect(parseDif(2)).toBe(2);
      expect(parseDif('0x0000002A')).toBe(0x2a);
    });
  });

  describe('given an unknown name', () => {
    it('should throw a CodeError that suggests the nearest DIF name', () => {
      expect(() => parseDif('DIF_INSTALDEVICE')).toThrow(CodeError);
      expect(() => parseDif('DIF_INSTALDEVICE')).toThrow(/did you mean DIF_INSTALLDEVICE\?/);
    });

    it('should not accept a status name as a DIF', () => {
      expect(() => parseDif('ERROR_DI_DO_DEFAULT')).toThrow(CodeError);
    });
  });
});

describe('hex', () => {
  it.each([
    [0, '0x00000000'],
    [0x2, '0x00000002'],
    [0x5b3, '0x000005B3'],
    [0xe000020e, '0xE000020E'],
    [-536870386, '0xE000020E'],
    [0xc0000005, '0xC0000005'],
    [0xffffffff, '0xFFFFFFFF'],
  ])('should print %p as %p (0x + 8 upper-case digits)', (value, text) => {
    expect(hex(value)).toBe(text);
  });
});

describe('describeStatus', () => {
  describe('given a known code', () => {
    it('should give its hex form and name', () => {
      expect(describeStatus(0xe000020e)).toEqual({ hex: '0xE000020E', name: 'ERROR_DI_DO_DEFAULT' });
      expect(describeStatus(0)).toEqual({ hex: '0x00000000', name: 'NO_ERROR' });
    });
  });

  describe('given an unknown code', () => {
    it('should give the hex form only', () => {
      expect(describeStatus(0x12345678)).toStrictEqual({ hex: '0x12345678' });
    });
  });
});

describe('status code values', () => {
  // Wine include/winerror.h; MinGW winerror.h: setup errors are APPLICATION_ERROR_MASK (0x20000000) | ERROR_SEVERITY_ERROR
  // (0xC0000000) | n (MinGW mingw-w64-headers/include/winnt.h) = 0xE0000000 | n
  it.each([
    // [name, hex, unsigned decimal where Wine include/winerror.h; MinGW winerror.h gives one]
    ['NO_ERROR', '0x00000000', 0],
    ['ERROR_DI_DO_DEFAULT', '0xE000020E', 3758096910],
    ['ERROR_DI_NOFILECOPY', '0xE000020F', 3758096911],
    ['ERROR_DI_POSTPROCESSING_REQUIRED', '0xE0000226', 3758096934],
    ['ERROR_DI_DONT_INSTALL', '0xE000022B', 3758096939],
    ['ERROR_NON_WINDOWS_NT_DRIVER', '0xE000022D', 3758096941],
    ['ERROR_NON_WINDOWS_DRIVER', '0xE000022E', 3758096942],
    ['ERROR_NO_COMPAT_DRIVERS', '0xE0000228', 3758096936],
    ['ERROR_IN_WOW64', '0xE0000235', 3758096949],
    ['ERROR_DUPLICATE_FOUND', '0xE0000202', 3758096898],
    ['ERROR_NO_DRIVER_SELECTED', '0xE0000203', 3758096899],
    ['ERROR_DI_BAD_PATH', '0xE0000214', 3758096916],
    ['ERROR_INVALID_CLASS_INSTALLER', '0xE000020D', 3758096909],
    ['ERROR_INVALID_COINSTALLER', '0xE0000227', 3758096935],
    ['ERROR_NO_CLASSINSTALL_PARAMS', '0xE0000215', undefined],
    ['ERROR_DI_FUNCTION_OBSOLETE', '0xE000023E', undefined],
    ['ERROR_DEVICE_INSTALLER_NOT_READY', '0xE0000246', undefined],
    ['ERROR_DEVICE_INSTALL_BLOCKED', '0xE0000248', undefined],
    ['ERROR_DRIVER_INSTALL_BLOCKED', '0xE0000249', undefined],
    // Wine include/winerror.h; MinGW winerror.h: 1459 (0x5B3), MinGW winerror.h
    ['ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', '0x000005B3', 1459],
    // wine-mirror/wine include/winerror.h
    ['ERROR_NO_ASSOCIATED_SERVICE', '0xE0000219', undefined],
    // plain Win32 errors named in WDD co-installer-operation.md, images/dif-flow.png and ReactOS dll/win32/setupapi/devinst.c, misc.c–WDD calling-the-default-dif-code-handlers.md; ReactOS and Wine dlls/setupapi/devinst.c (MinGW winerror.h)
    ['ERROR_FILE_NOT_FOUND', '0x00000002', 2],
    ['ERROR_ACCESS_DENIED', '0x00000005', 5],
    ['ERROR_NOT_SUPPORTED', '0x00000032', 50],
    ['ERROR_INVALID_PARAMETER', '0x00000057', 87],
    ['ERROR_CALL_NOT_IMPLEMENTED', '0x00000078', 120],
  ] as const)('should give %s the value %s', (name, hexText, decimal) => {
    const value = parseStatus(name);
    expect(hex(value)).toBe(hexText);
    if (decimal !== undefined) expect(value).toBe(decimal);
    expect(describeStatus(value)).toEqual({ hex: hexText, name });
    expect(STATUS_CODES.find((c) => c.name === name)?.value).toBe(value);
  });

  it('should give the named constants the same values', () => {
    expect(Status).toEqual({
      NO_ERROR: 0x0,
      ERROR_FILE_NOT_FOUND: 0x2,
      ERROR_NOT_SUPPORTED: 0x32,
      ERROR_INVALID_PARAMETER: 0x57,
      ERROR_CALL_NOT_IMPLEMENTED: 0x78,
      ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION: 0x5b3,
      ERROR_DI_DO_DEFAULT: 0xe000020e,
      ERROR_DI_POSTPROCESSING_REQUIRED: 0xe0000226,
      EXCEPTION_ACCESS_VIOLATION: 0xc0000005,
    });
  });

  it('should name every value only once', () => {
    const values = STATUS_CODES.map((c) => c.value);
    expect(new Set(values).size).toBe(values.length);
  });
});
