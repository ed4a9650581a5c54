/** The logo and name, small in the header and large on the sign-in screen. */
export function Brand({ large = false }: { large?: boolean }) {
  return (
    <span class={large ? 'brand large' : 'brand'}>
      <img src="/icon/48.png" alt="" width={large ? 28 : 18} height={large ? 28 : 18} />
      Weft
    </span>
  );
}
