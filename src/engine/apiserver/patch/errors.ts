/**
 * Errors of the patch libraries, with the status the PATCH handler turns each into
 * (k8s.io/apiserver pkg/endpoints/handlers/patch.go interpretStrategicMergePatchError and
 * applyJSPatch):
 *
 * - `badRequest`: the mergepatch sentinel errors the handler answers 400 BadRequest with their
 *   text (ErrBadJSONDoc, ErrBadPatchFormatForPrimitiveList, ErrBadPatchFormatForRetainKeys,
 *   ErrBadPatchFormatForSetElementOrderList, ErrUnsupportedStrategicMergePatchFormat);
 * - `unprocessable`: ErrNoListOfLists and ErrPatchContentNotMatchRetainKeys, and every failure of
 *   a JSON patch's operations: NewGenericServerResponse(422), whose message drops the error's
 *   text for `the server rejected our request due to an error in our request`;
 * - `unknown`: any other error, which reaches the client as a 500 whose reason is empty and
 *   whose message is the error's text (responsewriters.ErrorToAPIStatus).
 */
export type PatchFailureKind = 'badRequest' | 'unprocessable' | 'unknown';

export class PatchFailure extends Error {
  constructor(
    readonly kind: PatchFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** k8s.io/apimachinery pkg/util/mergepatch/errors.go, with the status each one gets. */
export const mergepatchErrors = {
  badJSONDoc: () => new PatchFailure('badRequest', 'invalid JSON document'),
  noListOfLists: () => new PatchFailure('unprocessable', 'lists of lists are not supported'),
  badPatchFormatForPrimitiveList: () =>
    new PatchFailure('badRequest', 'invalid patch format of primitive list'),
  badPatchFormatForRetainKeys: () =>
    new PatchFailure('badRequest', 'invalid patch format of retainKeys'),
  badPatchFormatForSetElementOrderList: () =>
    new PatchFailure('badRequest', 'invalid patch format of setElementOrder list'),
  patchContentNotMatchRetainKeys: () =>
    new PatchFailure('unprocessable', "patch content doesn't match retainKeys list"),
  unsupportedStrategicMergePatchFormat: () =>
    new PatchFailure('badRequest', 'strategic merge patch format is not supported'),
};
