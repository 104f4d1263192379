/**
 * The restaurant: the front office (control plane), one kitchen per worker node, the dining room
 * (Services), and the moving layer on top. The scene subscribes to the cluster's shape (which
 * nodes, which pods where) and its width; each element subscribes to its own item.
 *
 * Keyboard: Tab stops once per room (its title); arrow keys, Home and End move within the room;
 * Enter or Space selects (opens the inspector) or, on a cook's lightning button, crashes it.
 */

import { AnimatePresence } from 'motion/react';
import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  startTransition,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Frame } from '../store';
import { useSimStore } from '../store';
import { AnimationLayer } from './AnimationLayer';
import type { Route } from './animation';
import { DiningRoom } from './DiningRoom';
import { FrontOffice } from './FrontOffice';
import { FirstDrawing } from './firstDrawing';
import { HighlightRing } from './HighlightRing';
import { Kitchen } from './Kitchen';
import { keepEqual } from './keepEqual';
import { Legend } from './Legend';
import { layoutScene, type SceneLayout } from './layout';
import { anchorsOf, placesFor, routeFor, type SceneShape, sceneShape } from './model';
import { SceneDefs } from './SceneDefs';
import { SceneContext, useScene, useSceneBridge, useSceneT } from './sceneStore';

import './kitchen.css';

const shapeMemo = new WeakMap<Frame, string>();

/** The scene's shape as a string, once per frame (a primitive selector result). */
function shapeOf(frame: Frame): string {
  let key = shapeMemo.get(frame);
  if (key === undefined) {
    key = JSON.stringify(sceneShape(frame));
    shapeMemo.set(frame, key);
  }
  return key;
}

/**
 * The scene's width, null until measured (the scene is drawn once, at its real width). Read in a
 * layout effect, before the first paint: an observer's first report can come a frame later, and
 * everything below the scene would be painted where it does not stay.
 */
function useWidth(ref: React.RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

export function KitchenScene() {
  const store = useSimStore();
  const scene = useSceneBridge(store);
  return (
    <SceneContext.Provider value={scene}>
      <Restaurant />
    </SceneContext.Provider>
  );
}

function Restaurant() {
  const t = useSceneT();
  const store = useSimStore();
  const wrap = useRef<HTMLDivElement>(null);
  const measured = useWidth(wrap);
  const width = measured ?? 960;
  // The first drawing of the restaurant is put on the page a part at a time, each rendered in
  // slices between the page's other work (a transition), so no part of it is one long task:
  // first its place, kept at its exact size (nothing below it moves when it appears), then the
  // office and the dining room, then one kitchen more each time, then the moving layer.
  const [drawing, setDrawing] = useState<number | 'all'>(-1);
  const firstDrawing = useRef(true);
  const key = useScene((s) => shapeOf(s.frame));
  const labels = useScene((s) => s.prefs.labels);
  const highlighting = useScene((s) => s.highlight.length > 0);
  // The parts equal to the last shape's and layout's stay the same objects (keepEqual), so the
  // memoised kitchens and stations a pod binding does not move skip their render.
  const kept = useRef<{ shape?: SceneShape; layout?: SceneLayout }>({});
  const shape = useMemo(() => {
    kept.current.shape = keepEqual(kept.current.shape, JSON.parse(key) as SceneShape);
    return kept.current.shape;
  }, [key]);
  const layout = useMemo(() => {
    kept.current.layout = keepEqual(
      kept.current.layout,
      layoutScene({
        width,
        officePods: shape.office.pods.length,
        pendingPods: shape.pendingPods.length + shape.pendingGroups.length,
        pendingMore: shape.pendingMore,
        workers: shape.workers.map((w) => ({ name: w.name, pods: w.pods.length })),
        services: shape.services.length,
      }),
    );
    return kept.current.layout;
  }, [width, shape]);
  const places = useMemo(() => placesFor(layout, shape), [layout, shape]);
  const kitchenCount = layout.kitchens.length;
  useLayoutEffect(() => {
    if (drawing === 'all') firstDrawing.current = false;
    if (measured === null || drawing === 'all') return;
    startTransition(() =>
      setDrawing((d) => (d === 'all' || d + 1 >= kitchenCount ? 'all' : d + 1)),
    );
  }, [measured, drawing, kitchenCount]);
  const anchors = useMemo(() => anchorsOf(places), [places]);
  const route = useMemo<Route>(
    () => (from, to) => routeFor(layout, places, from, to),
    [layout, places],
  );
  const caption = useRef<HTMLParagraphElement>(null);

  const activate = (el: Element) => {
    const line = el.getAttribute('data-line');
    if (line) {
      store.getState().runLine(line);
      return;
    }
    const id = el.getAttribute('data-select');
    if (id) store.getState().select(id);
  };

  /** Focus shows the real object too, when the inspector is already open (never hijacks a walkthrough). */
  const onFocus = (e: FocusEvent<SVGSVGElement>) => {
    const el = (e.target as Element).closest('[data-select]');
    const s = store.getState();
    const id = el?.getAttribute('data-select');
    if (id && s.panel === 'inspector' && s.selection !== id) s.select(id);
  };

  const onClick = (e: MouseEvent<SVGSVGElement>) => {
    const el = (e.target as Element).closest('[data-line],[data-select]');
    if (el) activate(el);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const el = (e.target as Element).closest('[data-nav]');
    if (!el) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(el);
      return;
    }
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : e.key === 'Home'
            ? -Infinity
            : e.key === 'End'
              ? Infinity
              : 0;
    if (!step) return;
    e.preventDefault();
    const zone = el.getAttribute('data-zone') ?? '';
    const items = [...e.currentTarget.querySelectorAll<SVGElement>('[data-nav]')].filter(
      (x) => x.getAttribute('data-zone') === zone,
    );
    const i = items.indexOf(el as SVGElement);
    const next =
      step === -Infinity
        ? 0
        : step === Infinity
          ? items.length - 1
          : Math.min(items.length - 1, Math.max(0, i + step));
    items[next]?.focus();
  };

  return (
    // motion's features and the Motion preference come from the shell's MotionProvider; every
    // scene transition takes no time while the scene jumps (useSceneTransition).
    <div
      ref={wrap}
      className={`kitchen-scene labels-${labels}${highlighting ? ' highlighting' : ''}`}
    >
      <p id="kitchen-keys" className="visually-hidden">
        {t('kitchen.keys')}
      </p>
      {measured === null ? null : drawing === -1 ? (
        <div className="kitchen-stage" style={{ height: layout.height }} />
      ) : (
        <div className="kitchen-stage">
          <svg
            className="kitchen-svg"
            role="group"
            aria-label={t('kitchen.scene')}
            aria-describedby="kitchen-keys"
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            onClick={onClick}
            onKeyDown={onKeyDown}
            onFocus={onFocus}
          >
            <SceneDefs />
            <FrontOffice
              layout={layout.office}
              node={shape.controlPlane}
              shape={shape.office}
              pending={shape.pendingPods}
              groups={shape.pendingGroups}
            />
            <FirstDrawing.Provider value={firstDrawing}>
              <AnimatePresence initial={false}>
                {(drawing === 'all' ? layout.kitchens : layout.kitchens.slice(0, drawing)).map(
                  (k, i) => (
                    <Kitchen key={k.name} layout={k} shape={shape.workers[i]} />
                  ),
                )}
              </AnimatePresence>
            </FirstDrawing.Provider>
            <DiningRoom layout={layout.dining} services={shape.services} />
            <HighlightRing places={places} layout={layout} />
          </svg>
          {/*
                The moving layer is its own SVG on its own compositor layer: a ticket moving
                repaints a few small shapes, not the whole restaurant.
              */}
          {drawing !== 'all' ? null : (
            <svg
              className="kitchen-anim"
              aria-hidden="true"
              width={layout.width}
              height={layout.height}
              viewBox={`0 0 ${layout.width} ${layout.height}`}
            >
              <defs>
                <marker
                  id="kk-arrow"
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0 1 9 5 0 9Z" className="arrow-head" />
                </marker>
              </defs>
              <AnimationLayer
                anchors={anchors}
                route={route}
                caption={caption}
                controlPlane={shape.controlPlane}
              />
            </svg>
          )}
        </div>
      )}
      <p className="kitchen-caption" ref={caption} title={t('kitchen.caption')} />
      <Legend />
    </div>
  );
}
