/** Secret data for the printers: decoded sizes and text of stored base64 values. */
export { base64ByteLength, textOfBase64 } from '../../model/base64';
