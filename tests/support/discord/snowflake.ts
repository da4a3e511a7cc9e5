const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh, increasing Discord snowflake id. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment);
}
