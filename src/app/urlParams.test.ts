/**
 * Every URL parameter that is empty, malformed or ignored is named with its reason (issue 12,
 * row 12); what is valid is used as before.
 */
import { describe, expect, it } from 'vitest';
import { specFromUrl } from './makeStore';
import { readUrl } from './urlParams';

const read = (query: string, attached = false) => readUrl(new URLSearchParams(query), attached);
const named = (query: string, attached = false) =>
  read(query, attached).problems.map((p) => `${p.key} ${p.params.name}=${p.params.value}`);

describe('the page URL', () => {
  it('takes valid sandbox settings without a word', () => {
    expect(read('?workers=3&proxy=ipvs&seed=7')).toEqual({
      spec: { workers: 3, proxyMode: 'ipvs', seed: 7 },
      problems: [],
    });
    expect(read('?walkthrough=pod-creation&step=3').problems).toEqual([]);
  });

  it('names an empty parameter (an empty seed was seed 0, an empty step step 0)', () => {
    expect(read('?seed=').spec).toEqual({});
    expect(named('?seed=')).toEqual(['notice.url.empty seed=']);
    expect(named('?walkthrough=pod-creation&step=')).toEqual(['notice.url.empty step=']);
  });

  it('takes decimal digits only: workers=0x3 was 3 workers', () => {
    expect(specFromUrl(new URLSearchParams('?workers=0x3')).spec).toEqual({});
    expect(named('?workers=0x3&seed=1e3')).toEqual([
      'notice.url.malformed workers=0x3',
      'notice.url.malformed seed=1e3',
    ]);
    expect(named('?workers=11&proxy=nftables')).toEqual([
      'notice.url.range workers=11',
      'notice.url.proxy proxy=nftables',
    ]);
  });

  it('names a step without a walkthrough, and steps a walkthrough does not have', () => {
    expect(named('?step=3')).toEqual(['notice.url.noWalkthrough step=3']);
    expect(named('?walkthrough=pod-creation&step=99')).toEqual(['notice.url.range step=99']);
    expect(named('?walkthrough=nope&step=1')).toEqual([
      'notice.url.unknownWalkthrough walkthrough=nope',
    ]);
  });

  it('names cluster settings beside a walkthrough or a served cluster: they are not used', () => {
    expect(named('?walkthrough=pod-creation&workers=3&seed=x')).toEqual([
      'notice.url.malformed seed=x',
      'notice.url.besideWalkthrough workers=3',
    ]);
    expect(named('?workers=3', true)).toEqual(['notice.url.besideServer workers=3']);
  });

  it('names parameters the app does not read', () => {
    expect(named('?lang=zh')).toEqual(['notice.url.unknown lang=zh']);
  });
});
