/** The part of the `less` package the style build uses (it ships no typings). */
declare module 'less' {
  const less: {
    render(source: string, options: { filename: string; paths: string[] }): Promise<{ css: string }>;
  };
  export default less;
}
