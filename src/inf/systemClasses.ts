/**
 * System-defined device setup classes (GUID_DEVCLASS_* in devguid.h), listed by
 * learn.microsoft.com previous-versions/ff553419(v=vs.85) "System-Defined Device Setup Classes"
 * and .../install/system-defined-device-setup-classes-available-to-vendors.
 */
const CLASSES: readonly (readonly [string, string])[] = [
  ['1394', '{6bdd1fc1-810f-11d0-bec7-08002be2092f}'],
  ['61883', '{7ebefbc0-3200-11d2-b4c2-00a0c9697d07}'],
  ['AVC', '{c06ff265-ae09-48f0-812c-16753d7cba83}'],
  ['Battery', '{72631e54-78a4-11d0-bcf7-00aa00b7b32a}'],
  ['Biometric', '{53d29ef7-377c-4d14-864b-eb3a85769359}'],
  ['Bluetooth', '{e0cbf06c-cd8b-4647-bb8a-263b43f0f974}'],
  ['Camera', '{ca3e7ab9-b4c3-4ae6-8251-579ef933890f}'],
  ['CDROM', '{4d36e965-e325-11ce-bfc1-08002be10318}'],
  ['Computer', '{4d36e966-e325-11ce-bfc1-08002be10318}'],
  ['DiskDrive', '{4d36e967-e325-11ce-bfc1-08002be10318}'],
  ['Display', '{4d36e968-e325-11ce-bfc1-08002be10318}'],
  ['Dot4', '{48721b56-6795-11d2-b1a8-0080c72e74a2}'],
  ['Dot4Print', '{49ce6ac8-6f86-11d2-b1e5-0080c72e74a2}'],
  ['Extension', '{e2f84ce7-8efa-411c-aa69-97454ca4cb57}'],
  ['FDC', '{4d36e969-e325-11ce-bfc1-08002be10318}'],
  ['Firmware', '{f2e7dd72-6468-4e36-b6f1-6488f42c1b52}'],
  ['FloppyDisk', '{4d36e980-e325-11ce-bfc1-08002be10318}'],
  ['HDC', '{4d36e96a-e325-11ce-bfc1-08002be10318}'],
  ['HIDClass', '{745a17a0-74d3-11d0-b6fe-00a0c90f57da}'],
  ['Image', '{6bdd1fc6-810f-11d0-bec7-08002be2092f}'],
  ['Infrared', '{6bdd1fc5-810f-11d0-bec7-08002be2092f}'],
  ['Keyboard', '{4d36e96b-e325-11ce-bfc1-08002be10318}'],
  ['LegacyDriver', '{8ecc055d-047f-11d1-a537-0000f8753ed1}'],
  ['Media', '{4d36e96c-e325-11ce-bfc1-08002be10318}'],
  ['MediumChanger', '{ce5939ae-ebde-11d0-b181-0000f8753ec4}'],
  ['Modem', '{4d36e96d-e325-11ce-bfc1-08002be10318}'],
  ['Monitor', '{4d36e96e-e325-11ce-bfc1-08002be10318}'],
  ['Mouse', '{4d36e96f-e325-11ce-bfc1-08002be10318}'],
  ['MTD', '{4d36e970-e325-11ce-bfc1-08002be10318}'],
  ['Multifunction', '{4d36e971-e325-11ce-bfc1-08002be10318}'],
  ['MultiportSerial', '{50906cb8-ba12-11d1-bf5d-0000f805f530}'],
  ['Net', '{4d36e972-e325-11ce-bfc1-08002be10318}'],
  ['NetClient', '{4d36e973-e325-11ce-bfc1-08002be10318}'],
  ['NetService', '{4d36e974-e325-11ce-bfc1-08002be10318}'],
  ['NetTrans', '{4d36e975-e325-11ce-bfc1-08002be10318}'],
  ['PCMCIA', '{4d36e977-e325-11ce-bfc1-08002be10318}'],
  ['PNPPrinters', '{4658ee7e-f050-11d1-b6bd-00c04fa372a7}'],
  ['Ports', '{4d36e978-e325-11ce-bfc1-08002be10318}'],
  ['Printer', '{4d36e979-e325-11ce-bfc1-08002be10318}'],
  ['Processor', '{50127dc3-0f36-415e-a6cc-4cb3be910b65}'],
  ['SBP2', '{d48179be-ec20-11d1-b6b8-00c04fa372a7}'],
  ['SCSIAdapter', '{4d36e97b-e325-11ce-bfc1-08002be10318}'],
  ['SecurityAccelerator', '{268c95a1-edfe-11d3-95c3-0010dc4050a5}'],
  ['Sensor', '{5175d334-c371-4806-b3ba-71fd53c9258d}'],
  ['SmartCardReader', '{50dd5230-ba8a-11d1-bf5d-0000f805f530}'],
  ['SoftwareComponent', '{5c4c3332-344d-483c-8739-259e934c9cc8}'],
  ['System', '{4d36e97d-e325-11ce-bfc1-08002be10318}'],
  ['TapeDrive', '{6d807884-7d21-11cf-801c-08002be10318}'],
  ['Unknown', '{4d36e97e-e325-11ce-bfc1-08002be10318}'],
  ['USB', '{36fc9e60-c465-11cf-8056-444553540000}'],
  ['USBDevice', '{88bae032-5a81-49f0-bc3d-a4ff138216d6}'],
  ['Volume', '{71a27cdd-812a-11d0-bec7-08002be2092f}'],
  ['WCEUSBS', '{25dbce51-6c8f-4a72-8a6d-b54c2b4fc835}'],
  ['WPD', '{eec5ad98-8080-425f-922a-dabf3de3f69a}'],
];

const BY_GUID = new Map(CLASSES.map(([name, guid]) => [guid.toLowerCase(), name]));

/** The system-defined class with this GUID, if any. */
export function systemClassName(guid: string): string | undefined {
  return BY_GUID.get(guid.trim().toLowerCase());
}

const BY_NAME = new Map(CLASSES.map(([name]) => [name.toLowerCase(), name]));

/** The system-defined class with this name (without case), if any. */
export function systemClassNamed(name: string): string | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
