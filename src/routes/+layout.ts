// Pages are rendered on the server and ship no JavaScript until a page needs an island.
export const csr = false;
