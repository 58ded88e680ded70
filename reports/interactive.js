/*
 * The interactive charts of a DRL Workbench report (inlined after the vega
 * runtime; no network). Every chart figure marked data-interactive holds
 * its static SVG and its compiled vega spec (<script type="application/json">):
 * the spec is rendered as a live SVG view in place of the static one, with an
 * HTML tooltip; the figures marked data-linked share their time axis (zoom or
 * pan one, the others follow) and their brush: Shift+drag selects a time
 * interval on one, the others shade the same interval (double-click clears);
 * each linked figure's data-brush holds the interval as "start,end" (epoch ms).
 * When anything fails the static SVG stays.
 */
(() => {
  const vega = window.vega;
  const root = document.documentElement;
  if (!vega) {
    root.dataset.charts = "static";
    return;
  }
  const tip = document.createElement("div");
  tip.className = "vg-tooltip";
  tip.hidden = true;
  tip.setAttribute("role", "tooltip");
  document.body.appendChild(tip);

  function showTooltip(_handler, event, _item, value) {
    if (value === undefined || value === null || value === "") {
      tip.hidden = true;
      return;
    }
    tip.textContent = "";
    if (typeof value === "object") {
      for (const key of Object.keys(value)) {
        const row = document.createElement("div");
        const name = document.createElement("span");
        name.className = "vg-tooltip-key";
        name.textContent = key;
        const text = document.createElement("span");
        text.className = "vg-tooltip-value";
        text.textContent = String(value[key]);
        row.append(name, text);
        tip.appendChild(row);
      }
    } else tip.textContent = String(value);
    tip.hidden = false;
    const x = event.pageX + 14;
    const y = event.pageY + 14;
    const maxX = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = `${Math.max(0, Math.min(x, maxX))}px`;
    tip.style.top = `${y}px`;
  }

  const linked = [];
  let syncing = false;
  function follow(source, domain) {
    if (syncing) return;
    syncing = true;
    const updates = [];
    for (const other of linked) {
      if (other === source) continue;
      other.signal(ZOOM_SIGNAL, domain);
      updates.push(other.runAsync());
    }
    Promise.all(updates).finally(() => {
      syncing = false;
    });
  }

  const ZOOM_SIGNAL = root.dataset.zoomSignal || "zoom_t";
  const BRUSH_SIGNAL = root.dataset.brushSignal || "brush_t";
  const BRUSH_PIXELS = BRUSH_SIGNAL.replace(/_[^_]*$/, "_x");
  const figureOf = new Map();

  function showBrush(view, domain) {
    const figure = figureOf.get(view);
    const span = Array.isArray(domain) && domain.length === 2 ? domain.map(Number) : undefined;
    if (figure) figure.dataset.brush = span ? span.join(",") : "";
  }

  let brushing = false;
  function brushOthers(source, domain) {
    showBrush(source, domain);
    if (brushing) return;
    brushing = true;
    const span = Array.isArray(domain) && domain.length === 2 ? domain : undefined;
    const updates = [];
    for (const other of linked) {
      if (other === source) continue;
      try {
        const x = other.scale("x");
        other.signal(BRUSH_PIXELS, span ? span.map((d) => x(d)) : []);
        other.signal(BRUSH_SIGNAL, span);
        showBrush(other, span);
        updates.push(other.runAsync());
      } catch (error) {
        console.warn(`brush: ${error}`);
      }
    }
    Promise.all(updates).finally(() => {
      brushing = false;
    });
  }
  const figures = Array.from(document.querySelectorAll("figure.chart[data-interactive]"));
  const rendering = figures.map((figure) => {
    const source = figure.querySelector("script.chart-spec");
    const holder = figure.querySelector(".chart-view");
    const still = figure.querySelector(".chart-static");
    if (!source || !holder || !still) return Promise.resolve();
    let view;
    try {
      view = new vega.View(vega.parse(JSON.parse(source.textContent)), {
        renderer: "svg",
        container: holder,
        hover: true,
      });
      view.tooltip(showTooltip);
    } catch (error) {
      console.warn(`chart ${figure.id}: kept static (${error})`);
      return Promise.resolve();
    }
    return view.runAsync().then(
      () => {
        still.remove();
        holder.hidden = false;
        figure.classList.add("live");
        if (figure.hasAttribute("data-linked")) {
          linked.push(view);
          figureOf.set(view, figure);
          view.addSignalListener(ZOOM_SIGNAL, (_name, domain) => follow(view, domain));
          try {
            view.addSignalListener(BRUSH_SIGNAL, (_name, domain) => brushOthers(view, domain));
          } catch (_error) {
            // A linked chart without a brush (no time unit to carry it) still zooms.
          }
        }
      },
      (error) => {
        console.warn(`chart ${figure.id}: kept static (${error})`);
        view.finalize();
      },
    );
  });
  document.addEventListener("pointerleave", () => {
    tip.hidden = true;
  });
  Promise.all(rendering).then(() => {
    root.dataset.charts = "ready";
  });
})();
