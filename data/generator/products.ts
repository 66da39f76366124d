/** The product catalogue: names, list prices, costs, suppliers and how popular each item is. */
import type { Rng } from './prng';
import { CATEGORIES, type Category } from './taxonomy';

/** A catalogue item. Money is kept in integer cents so CSV output is exact. */
export interface Product {
  index: number;
  id: string;
  name: string;
  category: Category;
  categoryIndex: number;
  priceCents: number;
  costCents: number;
  supplier: string;
  leadTimeDays: number;
  /** Relative chance of being chosen within its category. */
  popularity: number;
  /** Deliberately slow seller, stocked as if it were not (dead stock). */
  dead: boolean;
}

type Entry = readonly [name: string, price: number];

// Real-looking base items with list prices, aligned with CATEGORIES. A few names carry a comma
// or a double quote on purpose so every consumer has to parse CSV quoting properly.
const BASE_ITEMS: readonly (readonly Entry[])[] = [
  [
    ['Wireless Earbuds', 129.99],
    ['Bluetooth Speaker', 89.99],
    ['Noise-Cancelling Headphones', 299.99],
    ['Smartwatch', 249.99],
    ['4K Streaming Stick', 49.99],
    ['Tablet 10"', 349.99],
    ['USB-C Charger 65W', 39.99],
    ['Portable Power Bank', 59.99],
    ['Smart Home Hub', 149.99],
    ['Mechanical Keyboard', 159.99],
    ['Action Camera', 279.99],
    ['E-Reader', 139.99],
  ],
  [
    ['Denim Jeans', 59.99],
    ['Cotton T-Shirt', 19.99],
    ['Hooded Sweatshirt', 44.99],
    ['Rain Jacket', 89.99],
    ['Wool Scarf', 29.99],
    ['Running Socks (3 pack)', 14.99],
    ['Chino Trousers', 49.99],
    ['Linen Shirt', 39.99],
    ['Winter Parka', 149.99],
    ['Leather Belt', 34.99],
    ['Summer Dress', 54.99],
    ['Knit Beanie', 17.99],
  ],
  [
    ['Ceramic Planter', 29.99],
    ['Garden Hose 50ft', 39.99],
    ['LED Desk Lamp', 34.99],
    ['Throw Blanket', 44.99],
    ['Picture Frame 8"x10"', 19.99],
    ['Cast Iron Skillet', 49.99],
    ['Bed Pillows, Set of 2', 59.99],
    ['Patio String Lights', 27.99],
    ['Espresso Machine', 199.99],
    ['Raised Garden Bed', 119.99],
    ['Pruning Shears', 24.99],
    ['Bath Towel Set', 64.99],
  ],
  [
    ['Yoga Mat', 29.99],
    ['Adjustable Dumbbells', 149.99],
    ['Running Shoes', 109.99],
    ['Tennis Racket', 89.99],
    ['Basketball', 29.99],
    ['Cycling Helmet', 64.99],
    ['Water Bottle 1L', 19.99],
    ['Resistance Bands', 24.99],
    ['Camping Tent 2-Person', 179.99],
    ['Fitness Tracker Band', 79.99],
    ['Soccer Ball', 24.99],
    ['Hiking Backpack 30L', 94.99],
  ],
  [
    ['Moisturizing Cream', 24.99],
    ['Lipstick', 16.99],
    ['Shampoo', 12.99],
    ['Eau de Parfum 50ml', 69.99],
    ['Face Serum', 32.99],
    ['Nail Polish Set', 18.99],
    ['Sunscreen SPF 50', 14.99],
    ['Hair Dryer', 59.99],
    ['Makeup Brush Set', 22.99],
    ['Body Lotion', 11.99],
    ['Beard Trimmer', 44.99],
    ['Lip Balm (4 pack)', 7.99],
  ],
  [
    ['Building Blocks Set', 39.99],
    ['Plush Teddy Bear', 19.99],
    ['Crayons, Jumbo (24 pack)', 8.99],
    ['Remote Control Car', 49.99],
    ['Jigsaw Puzzle 1000pc', 17.99],
    ['Board Game "Castle Quest"', 34.99],
    ['Action Figure', 14.99],
    ['Doll House', 89.99],
    ['Toy Kitchen Set', 69.99],
    ['Bubble Machine', 21.99],
    ['Card Game', 9.99],
    ['Kite', 16.99],
  ],
];

// Once the base items run out, larger catalogues reuse them as variants ("Yoga Mat Pro 3").
const VARIANTS = ['Pro', 'Mini', 'Plus', 'XL', 'Lite', 'Max', 'Deluxe', 'Classic', 'Eco', 'Sport', 'Travel', 'Premium'];

interface Supplier {
  name: string;
  categories: readonly Category[];
  leadTime: readonly [min: number, max: number];
  /** How often the supplier wins a product it could supply; generalists win less. */
  share: number;
}

/** The supplier roster; lead times reflect domestic versus overseas sourcing. */
export const SUPPLIERS: readonly Supplier[] = [
  { name: 'Lumen Electronics Ltd', categories: ['Electronics'], leadTime: [14, 30], share: 3 },
  { name: 'Pacific Rim Imports', categories: ['Electronics', 'Toys', 'Home & Garden'], leadTime: [20, 30], share: 3 },
  { name: 'Northwind Apparel', categories: ['Clothing'], leadTime: [7, 14], share: 3 },
  { name: 'Threadline Co.', categories: ['Clothing'], leadTime: [10, 21], share: 3 },
  { name: 'Evergreen Home Supply', categories: ['Home & Garden'], leadTime: [5, 12], share: 3 },
  { name: 'Summit Sports Distribution', categories: ['Sports'], leadTime: [5, 14], share: 3 },
  { name: 'Bloom & Glow Cosmetics', categories: ['Beauty'], leadTime: [3, 8], share: 3 },
  { name: 'Playtime Wholesale', categories: ['Toys'], leadTime: [7, 21], share: 3 },
  { name: 'Acme General Wholesale', categories: [...CATEGORIES], leadTime: [3, 10], share: 1 },
];

/** Share of products that barely sell but are stocked anyway. */
export const DEAD_STOCK_SHARE = 0.1;

function productName(base: string, tier: number): string {
  if (tier === 0) return base;
  const variant = VARIANTS[(tier - 1) % VARIANTS.length] ?? '';
  const generation = Math.floor((tier - 1) / VARIANTS.length);
  return generation === 0 ? `${base} ${variant}` : `${base} ${variant} ${generation + 1}`;
}

/** Rounds to a retail price point ending in .99 (never below 0.99). */
function pricePointCents(price: number): number {
  return Math.max(99, Math.floor(price) * 100 + 99);
}

/** Builds `count` products spread evenly over the categories, with ids P0101, P0102, ... */
export function buildProducts(count: number, rng: Rng): Product[] {
  const n = CATEGORIES.length;
  const products: Product[] = [];
  // Pick the dead-stock items up front so their share is exact rather than merely expected.
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const deadSet = new Set(order.slice(0, Math.round(count * DEAD_STOCK_SHARE)));
  for (let c = 0; c < n; c++) {
    const category = CATEGORIES[c] as Category;
    const base = BASE_ITEMS[c] ?? [];
    const perCategory = Math.floor(count / n) + (c < count % n ? 1 : 0);
    const suppliers = SUPPLIERS.filter((s) => s.categories.includes(category));
    const supplierShares = suppliers.map((s) => s.share);
    for (let k = 0; k < perCategory; k++) {
      const [baseName, basePrice] = base[k % base.length] ?? ['Item', 10];
      const tier = Math.floor(k / base.length);
      // Variants spread around the base price so large catalogues keep each category's price level.
      const price = tier === 0 ? basePrice : basePrice * rng.lognormal(0, 0.3);
      const priceCents = tier === 0 ? Math.round(basePrice * 100) : pricePointCents(price);
      const costCents = Math.round(priceCents * rng.between(0.4, 0.75));
      const supplier = suppliers[rng.pickWeighted(supplierShares)] ?? SUPPLIERS[0];
      if (!supplier) throw new Error('No supplier configured');
      const dead = deadSet.has(products.length);
      // Long-tailed popularity with a mild preference for cheaper items within a category.
      const popularity = rng.lognormal(0, 0.8) * Math.pow(basePrice / (priceCents / 100), 0.5) * (dead ? 0.04 : 1);
      products.push({
        index: 0,
        id: '',
        name: productName(baseName, tier),
        category,
        categoryIndex: c,
        priceCents,
        costCents,
        supplier: supplier.name,
        leadTimeDays: rng.int(supplier.leadTime[0], supplier.leadTime[1]),
        popularity,
        dead,
      });
    }
  }
  products.forEach((p, i) => {
    p.index = i;
    p.id = `P${String(101 + i).padStart(4, '0')}`;
  });
  return products;
}
