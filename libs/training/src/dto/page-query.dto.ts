export { DEFAULT_PAGE_SIZE, PageQueryDto } from '@app/http';
