/** What a mapped field holds, which decides how its text is converted. */
export type FieldKind = 'date' | 'time' | 'number' | 'text' | 'id';

/** A field Tillsight can fill from an import: its label, kind and header synonyms (normalised, best first). */
export interface FieldSpec<F extends string = string> {
  field: F;
  label: string;
  kind: FieldKind;
  /** What needs it, shown in the mapping step. */
  use: string;
  synonyms: readonly string[];
}

/** Sales fields: the canonical columns plus profit and status, which derive cost and cancellations. */
export type SalesField =
  | 'ts'
  | 'transaction_id'
  | 'customer_id'
  | 'product_id'
  | 'product_name'
  | 'category'
  | 'region'
  | 'quantity'
  | 'unit_price'
  | 'discount'
  | 'revenue'
  | 'unit_cost'
  | 'profit'
  | 'status'
  | 'time';

export type ProductsField =
  | 'product_id'
  | 'product_name'
  | 'category'
  | 'unit_price'
  | 'unit_cost'
  | 'stock_on_hand'
  | 'lead_time_days'
  | 'supplier';

// Order matters: mapping takes fields in this order, so a date or revenue column is claimed
// before a looser synonym elsewhere could take it.
export const SALES_FIELDS: readonly FieldSpec<SalesField>[] = [
  {
    field: 'ts',
    label: 'Date',
    kind: 'date',
    use: 'required',
    synonyms: ['ts', 'date', 'orderdate', 'invoicedate', 'transactiondate', 'saledate', 'salesdate', 'datetime', 'timestamp',
      'purchasedate', 'orderdatetime', 'createdat', 'created', 'paidat', 'dateofsale', 'billingdate', 'documentdate',
      'datum', 'fecha', 'day'],
  },
  {
    field: 'revenue',
    label: 'Revenue',
    kind: 'number',
    use: 'required, or quantity × unit price',
    // Line-level and before-tax amounts first: an order "Total" often adds shipping and tax.
    synonyms: ['revenue', 'netsales', 'netrevenue', 'sales', 'linetotal', 'lineamount', 'linevalue', 'lineitemtotal', 'subtotal',
      'netamount', 'salesamount', 'saleamount', 'totalsales', 'amount', 'extendedprice', 'totalprice', 'total', 'totalamount',
      'turnover', 'value', 'gross', 'grosssales', 'umsatz', 'betrag', 'ventas', 'importe', 'montant'],
  },
  {
    field: 'quantity',
    label: 'Quantity',
    kind: 'number',
    use: 'units, returns',
    synonyms: ['quantity', 'qty', 'units', 'unitssold', 'quantitysold', 'qtysold', 'lineitemquantity', 'pieces', 'count',
      'menge', 'anzahl', 'cantidad', 'quantite'],
  },
  {
    field: 'unit_price',
    label: 'Unit price',
    kind: 'number',
    use: 'revenue when absent',
    synonyms: ['unitprice', 'price', 'priceeach', 'priceperunit', 'sellingprice', 'saleprice', 'itemprice', 'lineitemprice',
      'listprice', 'rate', 'preis', 'einzelpreis', 'precio', 'prix'],
  },
  {
    field: 'discount',
    label: 'Discount',
    kind: 'number',
    use: 'discount analysis',
    synonyms: ['discount', 'discountrate', 'discountpct', 'discountpercent', 'discountamount', 'lineitemdiscount', 'rabatt',
      'descuento', 'remise'],
  },
  {
    field: 'unit_cost',
    label: 'Unit cost',
    kind: 'number',
    use: 'margins',
    synonyms: ['unitcost', 'cost', 'costprice', 'costperunit', 'purchaseprice', 'buyprice', 'einkaufspreis', 'coste', 'cout'],
  },
  { field: 'profit', label: 'Profit', kind: 'number', use: 'unit cost when absent', synonyms: ['profit', 'grossprofit', 'margin', 'netprofit', 'gewinn', 'beneficio'] },
  {
    field: 'transaction_id',
    label: 'Order / invoice',
    kind: 'id',
    use: 'orders, basket size',
    synonyms: ['transactionid', 'invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'orderid', 'ordernumber', 'orderno',
      'order', 'receiptid', 'receiptno', 'receipt', 'txnid', 'transaction', 'transactionno', 'salesorder', 'documentno',
      'bestellnummer', 'rechnungsnummer', 'pedido'],
  },
  {
    field: 'customer_id',
    label: 'Customer',
    kind: 'id',
    use: 'Customers page',
    synonyms: ['customerid', 'customer', 'customerno', 'customernumber', 'customercode', 'clientid', 'client', 'email',
      'customeremail', 'buyer', 'buyerid', 'memberid', 'accountid', 'userid', 'kunde', 'kundennummer', 'cliente'],
  },
  {
    field: 'product_id',
    label: 'Product id',
    kind: 'id',
    use: 'Products page',
    synonyms: ['productid', 'stockcode', 'sku', 'itemid', 'itemcode', 'productcode', 'itemno', 'articleid', 'articleno',
      'article', 'lineitemsku', 'upc', 'ean', 'barcode', 'asin', 'artikelnummer'],
  },
  {
    field: 'product_name',
    label: 'Product name',
    kind: 'text',
    use: 'product tables',
    synonyms: ['productname', 'description', 'itemname', 'itemdescription', 'product', 'item', 'productdescription', 'title',
      'lineitemname', 'artikel', 'bezeichnung', 'producto'],
  },
  {
    field: 'category',
    label: 'Category',
    kind: 'text',
    use: 'category breakdowns',
    synonyms: ['category', 'productcategory', 'department', 'dept', 'productline', 'producttype', 'productgroup', 'group',
      'family', 'kategorie', 'warengruppe', 'categoria', 'categorie', 'type'],
  },
  {
    field: 'region',
    label: 'Region / store',
    kind: 'text',
    use: 'regional breakdowns',
    synonyms: ['region', 'country', 'store', 'storename', 'storeid', 'shop', 'branch', 'location', 'market', 'territory',
      'outlet', 'state', 'city', 'shippingcountry', 'billingcountry', 'filiale', 'land', 'pais', 'tienda'],
  },
  { field: 'status', label: 'Order status', kind: 'text', use: 'cancelled orders', synonyms: ['status', 'orderstatus', 'financialstatus', 'fulfillmentstatus'] },
  {
    field: 'time',
    label: 'Time of day',
    kind: 'time',
    use: 'when the date has no time (Square and other tills write them apart)',
    synonyms: ['time', 'timeofday', 'saletime', 'transactiontime', 'ordertime', 'uhrzeit', 'hora', 'heure'],
  },
];

export const PRODUCTS_FIELDS: readonly FieldSpec<ProductsField>[] = [
  { field: 'product_id', label: 'Product id', kind: 'id', use: 'required', synonyms: ['productid', 'sku', 'stockcode', 'itemid', 'itemcode', 'productcode', 'itemno', 'articleid', 'article', 'id'] },
  { field: 'stock_on_hand', label: 'Stock on hand', kind: 'number', use: 'inventory alerts', synonyms: ['stockonhand', 'stock', 'onhand', 'qtyonhand', 'quantityonhand', 'inventory', 'stocklevel', 'available', 'instock', 'quantity', 'qty', 'bestand'] },
  { field: 'lead_time_days', label: 'Lead time (days)', kind: 'number', use: 'reorder points', synonyms: ['leadtimedays', 'leadtime', 'leadtimeindays', 'lead', 'deliverydays', 'lieferzeit'] },
  { field: 'unit_cost', label: 'Unit cost', kind: 'number', use: 'margins', synonyms: ['unitcost', 'cost', 'costprice', 'purchaseprice', 'buyprice'] },
  { field: 'unit_price', label: 'Unit price', kind: 'number', use: 'price', synonyms: ['unitprice', 'price', 'sellingprice', 'listprice', 'retailprice'] },
  { field: 'product_name', label: 'Product name', kind: 'text', use: 'names', synonyms: ['productname', 'name', 'description', 'itemname', 'item', 'product', 'title'] },
  { field: 'category', label: 'Category', kind: 'text', use: 'categories', synonyms: ['category', 'productcategory', 'department', 'group', 'type'] },
  { field: 'supplier', label: 'Supplier', kind: 'text', use: 'suppliers', synonyms: ['supplier', 'vendor', 'manufacturer', 'brand', 'lieferant'] },
];
