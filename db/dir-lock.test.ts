import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDirLock, DataDirLockedError } from "./dir-lock";

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), "keyward-lock-")), "pglite");

describe("the embedded database's lock file", () => {
  it("is taken with our pid and removed on release", () => {
    const dir = freshDir();
    const release = acquireDirLock(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a second process while the first is alive, naming it", () => {
    const dir = freshDir();
    // The parent of this test process is certainly alive.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDirLock(dir)).toThrow(new RegExp(`process ${process.ppid}`));
  });

  it("takes over a lock left by a process that has died", () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, "2147483646");
    const release = acquireDirLock(dir);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});
