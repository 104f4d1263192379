/**
 * The printer `kubectl get -w` keeps for its whole run (kubernetes/kubectl pkg/cmd/get/get.go
 * watch): one tabwriter that remembers column widths across flushes, the table printer's
 * "headers printed" state, the YAML printer's document count, one JSONPath instance. The
 * current objects print first (a list item by item, a table in one go), then one PrintObj and
 * flush per watch event: a table prints a row per event, with no header again.
 *
 * `followText` replays a whole run from its plain-data FollowSpec, so whoever shows the rows
 * (the lab runner after each `wait`, the console at any instant of the timeline) gets the same
 * bytes from the watch's events in the cluster state.
 */
import type { KObject } from '../../api/types';
import type { WatchEvent } from '../host';
import { unstructured } from '../jsonpath/goValues';
import { CustomColumnsPrinter } from '../print/customColumns';
import { JsonPathPrinter, PrintError } from '../print/jsonpathPrinter';
import { writeTable } from '../print/table';
import { GET_TABWRITER, TabWriter } from '../print/tabwriter';
import { renderName, renderObjects } from '../printing';
import type { OutputSpec } from './getOutput';

/** Everything a `get -w` run needs to print, as plain data. */
export interface FollowSpec {
  /** The API server's id of the stream. */
  watchId: string;
  output: OutputSpec;
  resource: string;
  allNamespaces: boolean;
  showLabels: boolean;
  noHeaders: boolean;
  allowMissingKeys: boolean;
  /** What was listed (or the object named) when the watch started, and when. */
  initial: KObject[];
  initialAtMs: number;
  /** --watch-only: the current objects are not printed. */
  watchOnly: boolean;
}

export class WatchPrinter {
  private readonly out = new TabWriter(GET_TABWRITER);
  private printedHeaders = false;
  private yamlCount = 0;
  private readonly jsonPath?: JsonPathPrinter;
  private readonly columns?: CustomColumnsPrinter;

  constructor(private readonly spec: Omit<FollowSpec, 'watchId' | 'initial' | 'initialAtMs'>) {
    const o = spec.output;
    if (o.kind === 'jsonpath') {
      this.jsonPath = new JsonPathPrinter(o.template, spec.allowMissingKeys, o.asJson);
    }
    if (o.kind === 'custom-columns')
      this.columns = new CustomColumnsPrinter(o.columns, spec.noHeaders);
  }

  /**
   * The objects current when the watch started. A list prints item by item (a table in one
   * PrintObj); --watch-only prints nothing. Throws PrintError.
   */
  printInitial(objects: KObject[], nowMs: number): string {
    if (this.spec.watchOnly) return '';
    if (this.spec.output.kind === 'table') return this.printTable(objects, nowMs);
    return objects.map((o) => this.printObject(o, nowMs)).join('');
  }

  /** One watch event's PrintObj and flush. Throws PrintError. */
  printEvent(obj: KObject, nowMs: number): string {
    if (this.spec.output.kind === 'table') return this.printTable([obj], nowMs);
    return this.printObject(obj, nowMs);
  }

  private printTable(objects: KObject[], nowMs: number): string {
    const o = this.spec.output;
    if (objects.length === 0) return '';
    const header = !this.spec.noHeaders && !this.printedHeaders;
    this.printedHeaders = true;
    writeTable(
      this.spec.resource,
      objects,
      {
        nowMs,
        wide: o.kind === 'table' && o.wide,
        allNamespaces: this.spec.allNamespaces,
        showLabels: this.spec.showLabels,
      },
      this.out,
      header,
    );
    return this.take();
  }

  private printObject(obj: KObject, _nowMs: number): string {
    const o = this.spec.output;
    switch (o.kind) {
      case 'yaml': {
        this.yamlCount++;
        return `${this.yamlCount > 1 ? '---\n' : ''}${renderObjects(obj, 'yaml')}`;
      }
      case 'json':
        return renderObjects(obj, 'json');
      case 'name':
        return `${renderName(obj)}\n`;
      case 'jsonpath':
        return (this.jsonPath as JsonPathPrinter).print(unstructured(obj));
      case 'custom-columns':
        (this.columns as CustomColumnsPrinter).print([unstructured(obj)], this.out);
        return this.take();
      default:
        return '';
    }
  }

  /** Flush and hand over what the tabwriter formatted since the last flush. */
  private taken = 0;
  private take(): string {
    const all = this.out.text();
    const text = all.slice(this.taken);
    this.taken = all.length;
    return text;
  }
}

export interface FollowText {
  /** The text each event printed, in order. */
  rows: string[];
  /** kubectl stopped: a printer error, or the API server ended the stream. */
  ended: boolean;
}

/** The rows a `get -w` run printed for these events (its initial output replayed, not returned). */
export function followText(
  spec: FollowSpec,
  stream: { events: readonly WatchEvent[]; ended: boolean },
): FollowText {
  const rows: string[] = [];
  let printer: WatchPrinter;
  try {
    printer = new WatchPrinter(spec);
    printer.printInitial(spec.initial, spec.initialAtMs);
  } catch (e) {
    if (e instanceof PrintError) return { rows, ended: true };
    throw e;
  }
  for (const ev of stream.events) {
    try {
      rows.push(printer.printEvent(ev.object, ev.atMs));
    } catch (e) {
      // The watch callback's error ends kubectl's watch; get.go does not print it.
      if (e instanceof PrintError) return { rows, ended: true };
      throw e;
    }
  }
  return { rows, ended: stream.ended };
}
