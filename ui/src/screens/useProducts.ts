// The active products of one kind, for the selects that offer them: goods for the orders' product
// filter and the packaging rules, packaging (boxes, ice packs) for a rule's items.
import { useEffect, useState } from "react";
import * as api from "../api";
import type { Product, ProductKind } from "../bindings";

export type ProductsOfKind = { products: Product[] | null; error: api.ApiError | null };

/** Every active product of `kind` (null while loading; [] with the error when the list failed). */
export function useProductsOfKind(kind: ProductKind): ProductsOfKind {
  const [state, setState] = useState<ProductsOfKind>({ products: null, error: null });
  useEffect(() => {
    let current = true;
    api.listProducts({ search: "", includeArchived: false, limit: 500, offset: 0, kind }).then(
      (page) => {
        if (current) setState({ products: page.items.filter((p) => p.kind === kind && !p.archived), error: null });
      },
      (reason: unknown) => {
        if (current) setState({ products: [], error: api.toApiError(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, [kind]);
  return state;
}
