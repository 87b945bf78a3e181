/** The clock the core is given: real in the server, fake in tests and the simulator. */
export interface Clock {
  /** Current instant in UTC ms. */
  now(): number;
}

/** A clock tests can set and advance. */
export class FakeClock implements Clock {
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(ms: number): void {
    this.t = ms;
  }
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}
