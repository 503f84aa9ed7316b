// Regression test written by devinst/testing regressionTest() from fast-check seed 42, path "6:1:1:1".
import { expect, test } from '@jest/globals';
import { devinstMatchers, runScenario } from 'devinst/testing';
import { scenarioFor, scenarioWithSilentMode } from '../src/widget.mjs';

expect.extend(devinstMatchers);

const counterexample = {
  "quiet": true,
  "around": {
    "name": "contoso-widget",
    "description": "The Contoso widget's USB class: Microsoft's class co-installer and class installer. The Contoso device co-installer is added by src/widget.mjs, from what it does under each condition.",
    "device": {
      "description": "Contoso Widget",
      "hardwareId": "USB\\VID_1234&PID_5678",
      "classGuid": "{88BAE032-5A81-49f0-BC3D-A4FF138216D6}",
      "className": "USBDevice"
    },
    "os": "win10",
    "classCoInstallers": [
      {
        "name": "usbclassco.dll,UsbClassCoInstaller"
      }
    ],
    "classInstaller": {
      "name": "usbclass.dll,UsbClassInstaller"
    },
    "dif": "DIF_INSTALLDEVICE"
  }
};

test("quiet DIF_INSTALLDEVICE: WidgetCoInstaller keeps every invariant and guideline (as shipped)", () => {
  expect(runScenario(scenarioFor(counterexample))).toSatisfyInvariants();
});

test("quiet DIF_INSTALLDEVICE with silent mode: devinst catches the ERROR_DI_DO_DEFAULT origination", () => {
  expect(runScenario(scenarioWithSilentMode(counterexample))).toBreak("coinstaller-originated-do-default");
});
