/**
 * Status codes that installers, default handlers and SetupDiCallClassInstaller return.
 *
 * Setup-specific errors are `APPLICATION_ERROR_MASK (0x20000000) | ERROR_SEVERITY_ERROR
 * (0xC0000000) | n`, i.e. `0xE0000000 | n` (MinGW `mingw-w64-headers/include/winnt.h`,
 * `setupapi.h`; Wine `include/setupapi.h`). Values: Wine include/winerror.h; MinGW winerror.h; plain Win32 errors:
 * MinGW `mingw-w64-headers/include/winerror.h`.
 */

export interface StatusCodeInfo {
  readonly name: string;
  readonly value: number;
  readonly meaning: string;
}

const SETUP_ERROR = (n: number): number => (0xe0000000 | n) >>> 0;

/** Every status code the model knows by name, in value order within each group. */
export const STATUS_CODES: readonly StatusCodeInfo[] = [
  // Plain Win32 errors (MinGW winerror.h)
  { name: 'NO_ERROR', value: 0x0, meaning: 'success (= ERROR_SUCCESS)' },
  { name: 'ERROR_FILE_NOT_FOUND', value: 0x2, meaning: 'the system cannot find the file specified' },
  { name: 'ERROR_PATH_NOT_FOUND', value: 0x3, meaning: 'the system cannot find the path specified' },
  { name: 'ERROR_ACCESS_DENIED', value: 0x5, meaning: 'access is denied' },
  { name: 'ERROR_INVALID_HANDLE', value: 0x6, meaning: 'the handle is invalid' },
  { name: 'ERROR_NOT_ENOUGH_MEMORY', value: 0x8, meaning: 'not enough memory' },
  { name: 'ERROR_INVALID_DATA', value: 0xd, meaning: 'the data is invalid' },
  { name: 'ERROR_OUTOFMEMORY', value: 0xe, meaning: 'not enough storage' },
  { name: 'ERROR_GEN_FAILURE', value: 0x1f, meaning: 'a device attached to the system is not functioning' },
  { name: 'ERROR_NOT_SUPPORTED', value: 0x32, meaning: 'the request is not supported (ReactOS: DIF code outside its switch)' },
  { name: 'ERROR_INVALID_PARAMETER', value: 0x57, meaning: 'the parameter is incorrect (Wine: NULL DeviceInfoData)' },
  { name: 'ERROR_CALL_NOT_IMPLEMENTED', value: 0x78, meaning: 'not implemented (ReactOS stub default handlers)' },
  { name: 'ERROR_CANCELLED', value: 0x4c7, meaning: 'the operation was cancelled by the user' },
  {
    name: 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION',
    value: 0x5b3,
    meaning: 'installers must not return it: the installation fails (WDD dif-allow-install.md)',
  },
  { name: 'ERROR_INVALID_USER_BUFFER', value: 0x6f8, meaning: 'the supplied user buffer is not valid' },
  // SetupAPI errors (Wine include/winerror.h; MinGW winerror.h; Wine include/winerror.h, MinGW setupapi.h)
  { name: 'ERROR_DUPLICATE_FOUND', value: SETUP_ERROR(0x202), meaning: 'DIF_REGISTERDEVICE found a duplicate' },
  { name: 'ERROR_NO_DRIVER_SELECTED', value: SETUP_ERROR(0x203), meaning: 'no driver is selected' },
  { name: 'ERROR_NO_SUCH_DEVINST', value: SETUP_ERROR(0x20b), meaning: 'the device instance does not exist' },
  { name: 'ERROR_INVALID_CLASS_INSTALLER', value: SETUP_ERROR(0x20d), meaning: 'the class installer is not valid' },
  { name: 'ERROR_DI_DO_DEFAULT', value: SETUP_ERROR(0x20e), meaning: 'class installer: run the default handler; also the final status when none exists' },
  { name: 'ERROR_DI_NOFILECOPY', value: SETUP_ERROR(0x20f), meaning: 'defined in the headers; meaning not documented' },
  { name: 'ERROR_DI_BAD_PATH', value: SETUP_ERROR(0x214), meaning: 'DIF_SELECTDEVICE: DriverPath holds no usable drivers' },
  { name: 'ERROR_NO_CLASSINSTALL_PARAMS', value: SETUP_ERROR(0x215), meaning: 'no class install parameters' },
  { name: 'ERROR_NO_ASSOCIATED_SERVICE', value: SETUP_ERROR(0x219), meaning: 'no associated service' },
  { name: 'ERROR_DI_POSTPROCESSING_REQUIRED', value: SETUP_ERROR(0x226), meaning: 'co-installer asks to be called back in postprocessing' },
  { name: 'ERROR_INVALID_COINSTALLER', value: SETUP_ERROR(0x227), meaning: 'a co-installer is not valid' },
  { name: 'ERROR_NO_COMPAT_DRIVERS', value: SETUP_ERROR(0x228), meaning: 'defined in the headers; meaning not documented' },
  { name: 'ERROR_DI_DONT_INSTALL', value: SETUP_ERROR(0x22b), meaning: 'typical DIF_ALLOW_INSTALL veto' },
  { name: 'ERROR_NON_WINDOWS_NT_DRIVER', value: SETUP_ERROR(0x22d), meaning: 'typical DIF_ALLOW_INSTALL veto' },
  { name: 'ERROR_NON_WINDOWS_DRIVER', value: SETUP_ERROR(0x22e), meaning: 'not a Windows driver' },
  { name: 'ERROR_IN_WOW64', value: SETUP_ERROR(0x235), meaning: 'a 32-bit caller on 64-bit Windows' },
  { name: 'ERROR_DI_FUNCTION_OBSOLETE', value: SETUP_ERROR(0x23e), meaning: 'the DIF code is obsolete' },
  { name: 'ERROR_DEVICE_INSTALLER_NOT_READY', value: SETUP_ERROR(0x246), meaning: 'the device installer is not ready' },
  { name: 'ERROR_DEVICE_INSTALL_BLOCKED', value: SETUP_ERROR(0x248), meaning: 'device installation is blocked by policy' },
  { name: 'ERROR_DRIVER_INSTALL_BLOCKED', value: SETUP_ERROR(0x249), meaning: 'driver installation is blocked by policy' },
  // Not a Win32 error: the exception a NULL-pointer dereference raises (ReactOS profile, docs/semantics.md)
  { name: 'EXCEPTION_ACCESS_VIOLATION', value: 0xc0000005, meaning: 'the implementation dereferenced a NULL DeviceInfoData and crashed' },
];

/** Named values, for code that needs one code by name without a lookup. */
export const Status = {
  NO_ERROR: 0x0,
  ERROR_FILE_NOT_FOUND: 0x2,
  ERROR_NOT_SUPPORTED: 0x32,
  ERROR_INVALID_PARAMETER: 0x57,
  ERROR_CALL_NOT_IMPLEMENTED: 0x78,
  ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION: 0x5b3,
  ERROR_DI_DO_DEFAULT: 0xe000020e,
  ERROR_DI_POSTPROCESSING_REQUIRED: 0xe0000226,
  EXCEPTION_ACCESS_VIOLATION: 0xc0000005,
} as const;

const byName = new Map(STATUS_CODES.map((c) => [c.name, c]));
const byValue = new Map(STATUS_CODES.map((c) => [c.value, c]));
// ERROR_SUCCESS is the same value as NO_ERROR; accepted on input, printed as NO_ERROR.
byName.set('ERROR_SUCCESS', byName.get('NO_ERROR')!);

export function statusByName(name: string): StatusCodeInfo | undefined {
  return byName.get(name);
}

export function statusByValue(value: number): StatusCodeInfo | undefined {
  return byValue.get(value >>> 0);
}
