export function runWatch(_ctx: unknown): void {}
