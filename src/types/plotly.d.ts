declare module 'plotly.js-basic-dist-min' {
  const Plotly: {
    react(element: HTMLElement, data: object[], layout: object, config?: object): Promise<unknown>;
    purge(element: HTMLElement): void;
    downloadImage(
      element: HTMLElement,
      options: { format: 'png' | 'svg'; filename: string; width: number; height: number },
    ): Promise<string>;
    Icons: Record<string, object>;
  };
  export default Plotly;
}
