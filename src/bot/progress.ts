/**
 * Edits a reply with progress at most once per interval, never two edits at once, always the latest text;
 * stops editing when the interaction token is about to expire and hands the final text to a fallback.
 */
export class ThrottledEditor {
  private pending: string | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastEdit = 0;
  private finished = false;

  constructor(
    private readonly edit: (text: string) => Promise<unknown>,
    private readonly options: {
      intervalMs: number;
      /** Epoch ms after which the reply can no longer be edited. */
      editableUntil: number;
      onError: (error: unknown) => void;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  get editable(): boolean {
    return this.now() < this.options.editableUntil;
  }

  /** Shows this text soon (the latest text wins when updates come faster than the interval). */
  update(text: string): void {
    if (this.finished) return;
    this.pending = text;
    this.schedule();
  }

  private schedule(): void {
    if (this.inFlight || this.timer || this.pending === null || this.finished) return;
    const wait = Math.max(0, this.lastEdit + this.options.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    this.timer.unref?.();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = null;
    if (text === null || this.finished || !this.editable) return;
    this.inFlight = this.edit(text)
      .then(() => undefined, this.options.onError)
      .finally(() => {
        this.lastEdit = this.now();
        this.inFlight = null;
        this.schedule();
      });
  }

  /** Waits for an edit in flight, then shows the final text (or gives it to the fallback when too late). */
  async finish(text: string, fallback: (text: string) => Promise<unknown>): Promise<void> {
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    await this.inFlight;
    try {
      if (this.editable) await this.edit(text);
      else await fallback(text);
    } catch (error) {
      this.options.onError(error);
    }
  }
}
