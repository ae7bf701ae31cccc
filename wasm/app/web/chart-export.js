// Coulisses chart export: turns a chart's SVG (drawn by app/chart) into a
// PNG, in the browser. Nothing here talks to the network: the SVG is
// drawn from a blob: URL (the Content-Security-Policy allows img-src
// blob:) onto a canvas.
"use strict";

(function () {
  // coulissesSvgToPng(svgText, width) → Promise<Uint8Array>: the PNG bytes
  // of the SVG drawn width pixels wide (0 or absent: twice the viewBox
  // width, sharp on high-density screens and in print), the height
  // following the viewBox's proportions.
  self.coulissesSvgToPng = function (svgText, width) {
    return new Promise((resolve, reject) => {
      const m = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svgText);
      if (!m || !(parseFloat(m[1]) > 0) || !(parseFloat(m[2]) > 0)) {
        reject(new Error("SVG sans viewBox"));
        return;
      }
      const vw = parseFloat(m[1]);
      const vh = parseFloat(m[2]);
      const w = Math.max(1, Math.min(8192, Math.round(width > 0 ? width : 2 * vw)));
      const h = Math.max(1, Math.min(8192, Math.round((w * vh) / vw)));
      // An <img> needs an intrinsic size: width="100%" has none.
      const root = /<svg\b[^>]*>/.exec(svgText);
      if (!root) {
        reject(new Error("SVG illisible"));
        return;
      }
      const tag = root[0].replace(/\s(width|height)="[^"]*"/g, "").replace(/^<svg\b/, '<svg width="' + w + '" height="' + h + '"');
      const sized = svgText.slice(0, root.index) + tag + svgText.slice(root.index + root[0].length);
      const url = URL.createObjectURL(new Blob([sized], { type: "image/svg+xml;charset=utf-8" }));
      const img = new Image();
      img.onload = () => {
        try {
          const canvas = document.createElement("canvas");
          canvas.width = w;
          canvas.height = h;
          canvas.getContext("2d").drawImage(img, 0, 0, w, h);
          URL.revokeObjectURL(url);
          canvas.toBlob((png) => {
            if (!png) {
              reject(new Error("conversion en PNG refusée"));
              return;
            }
            png.arrayBuffer().then((buf) => resolve(new Uint8Array(buf)), reject);
          }, "image/png");
        } catch (e) {
          URL.revokeObjectURL(url);
          reject(e);
        }
      };
      img.onerror = () => {
        URL.revokeObjectURL(url);
        reject(new Error("SVG illisible"));
      };
      img.src = url;
    });
  };
})();
