/** A JSON value, as scenarios, journals and installers' PrivateData hold it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
