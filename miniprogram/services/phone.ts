/** Sandbox phone codes look like `phone:13800138000`; an 11-digit number alone is accepted too. */
export function toSandboxPhoneCode(input: string): string | null {
  const v = input.trim();
  if (/^1\d{10}$/.test(v)) return `phone:${v}`;
  if (/^phone:1\d{10}$/.test(v)) return v;
  return null;
}
