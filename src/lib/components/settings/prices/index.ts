export { default as ModelCatalog } from './ModelCatalog.svelte';
export { default as AddPriceForm } from './AddPriceForm.svelte';
export { default as RepricePanel } from './RepricePanel.svelte';
export { default as AddModelForm } from './AddModelForm.svelte';
export { default as AliasForm } from './AliasForm.svelte';
export { doneNotice, type Track } from './prices';
