/**
 * cli-runtime pkg/printers/jsonpath.go JSONPathPrinter over client-go's jsonpath (../jsonpath):
 * the object's unstructured content goes through the template; a failure reads as kubectl's
 * "error executing jsonpath" with the template and the object in Go syntax (%#v).
 */
import { type GoValue, quote, sprintGoSyntax } from '../jsonpath/goValues';
import { JsonPath, JsonPathError } from '../jsonpath/jsonpath';
import { JsonPathSyntaxError } from '../jsonpath/parser';

export class PrintError extends Error {}

export class JsonPathPrinter {
  private readonly path = new JsonPath('out');

  /** NewJSONPathPrinter; throws PrintError("error parsing jsonpath …") as JSONPathPrintFlags.ToPrinter words it. */
  constructor(
    private readonly template: string,
    allowMissingKeys: boolean,
    asJson: boolean,
  ) {
    try {
      this.path.parse(template);
    } catch (e) {
      if (!(e instanceof JsonPathSyntaxError)) throw e;
      throw new PrintError(`error parsing jsonpath ${template}, ${e.message}`);
    }
    this.path.setAllowMissingKeys(allowMissingKeys);
    if (asJson) this.path.enableJSONOutput(true);
  }

  /** PrintObj: the text, or PrintError with the message kubectl's checkErr prints. */
  print(content: GoValue): string {
    try {
      return this.path.execute(content);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      const more =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${sprintGoSyntax(content)}\n\n`;
      throw new PrintError(`error executing jsonpath ${quote(this.template)}: ${more}\n`);
    }
  }
}
